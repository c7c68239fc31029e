import { Injectable } from '@nestjs/common';
import { ModuleStore } from '../../platform';

/** The CRM command handlers' database access (see ModuleStore). */
@Injectable()
export class CrmStore extends ModuleStore {}
