import { Module } from '@nestjs/common';

/** The crm module's Nest module: its resources, command/query handlers, jobs and subscribers are added here. */
@Module({})
export class CrmModule {}
