import 'reflect-metadata';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { runApi } from '../../libs/platform/runtime';

void runApi(moduleCatalog);
