import 'reflect-metadata';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { runWorker } from '../../libs/platform';

void runWorker(moduleCatalog);
