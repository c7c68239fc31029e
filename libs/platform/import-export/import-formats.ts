import { Inject, Injectable } from '@nestjs/common';
import { MODULE_MANIFESTS } from '../config/module.tokens';
import type { ImportFormat, ModuleImportFormats } from './import-format';

/** The CSV formats of the loaded modules, each with the columns other loaded modules add to it. */
@Injectable()
export class ImportFormats {
  private readonly byType = new Map<string, ImportFormat>();

  constructor(@Inject(MODULE_MANIFESTS) manifests: ModuleImportFormats[]) {
    for (const format of manifests.flatMap((m) => m.importFormats)) {
      const added = manifests.flatMap((m) => m.importColumns).filter((e) => e.type === format.type).flatMap((e) => e.columns);
      this.byType.set(format.type, { ...format, columns: [...format.columns, ...added] });
    }
  }

  get(type: string): ImportFormat | undefined {
    return this.byType.get(type);
  }

  types(): string[] {
    return [...this.byType.keys()];
  }
}
