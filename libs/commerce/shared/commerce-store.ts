import { Injectable } from '@nestjs/common';
import { ModuleStore } from '../../platform';

/** The Commerce command handlers' database access (see ModuleStore). */
@Injectable()
export class CommerceStore extends ModuleStore {}
