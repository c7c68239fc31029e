import { Injectable } from '@nestjs/common';
import { ModuleStore } from '../../platform';

/** The Integration module's database access (see ModuleStore). */
@Injectable()
export class IntegrationStore extends ModuleStore {}
