import 'reflect-metadata';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { runWorker } from '../../libs/platform/runtime';

void runWorker(moduleCatalog);
