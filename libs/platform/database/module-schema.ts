import type { Type } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';

/**
 * What the database needs to know of an enabled module: its name (its schema, part of a snapshot's name) and its
 * migrations. A module's manifest is one; the database layer sits below the manifests and so names only this part.
 */
export interface ModuleSchema {
  name: string;
  migrations: Type<MigrationInterface>[];
}
