import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { platformMigrations } from '../../migrations/platform';

/** The migration names a deployment of `modules` runs, in the order TypeORM runs them (by their timestamp suffix). */
export function expectedMigrations(modules: string[]): string[] {
  const classes = [...platformMigrations, ...moduleCatalog.filter((m) => modules.includes(m.name)).flatMap((m) => m.migrations)];
  const timestamp = (name: string) => Number(/(\d{13})$/.exec(name)![1]);
  return classes.map((c) => c.name).sort((a, b) => timestamp(a) - timestamp(b));
}
