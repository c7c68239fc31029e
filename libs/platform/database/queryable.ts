import type { PreparedStatement } from './prepared-statement';

/** Anything that runs SQL: a TypeORM DataSource, EntityManager or QueryRunner (on PostgreSQL, which also takes prepared statements). */
export interface Queryable {
  query(sql: string | PreparedStatement, parameters?: unknown[]): Promise<any>;
}
