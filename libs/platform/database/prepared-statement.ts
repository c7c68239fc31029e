import { createHash } from 'node:crypto';

/**
 * SQL that PostgreSQL parses and plans once per connection, then runs again by name (the extended protocol's named
 * statements; TypeORM hands the object to `pg` as it is). Worth it on hot reads of a fixed shape, where parsing and
 * planning cost more than running: the single-record read of the JSON:API engine. Only for a bounded set of texts,
 * since each one stays prepared on every pooled connection.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const byText = new Map<string, PreparedStatement>();

/** The statement for `text`, named after its content (the same text always gets the same name). */
export function prepared(text: string): PreparedStatement {
  let statement = byText.get(text);
  if (!statement) {
    statement = { name: `p_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
    byText.set(text, statement);
  }
  return statement;
}
