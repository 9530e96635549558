import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * The SQL the two stores spell differently, in one place (issue 15: one query layer, not two copies).
 * Everything else — the schema builder, the query builder — Kysely writes for either.
 */
export type Dialect = 'sqlite' | 'postgres';

/** Of any schema's connection: the executor does not depend on the tables (migrations see those of their time). */
export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** An RRN's last 6 characters: SQLite's `substr` counts from the end when negative, PostgreSQL's does not. */
export function rrnTail(dialect: Dialect): RawBuilder<string> {
  return dialect === 'postgres' ? sql<string>`right(rrn, 6)` : sql<string>`substr(rrn, -6)`;
}

/**
 * `text` found anywhere in `column`, character for character (`%` and `_` are only characters): SQLite's
 * `instr`, PostgreSQL's `strpos`.
 */
export function contains(dialect: Dialect, column: Expression<string>, text: string): RawBuilder<SqlBool> {
  return dialect === 'postgres'
    ? sql<SqlBool>`strpos(${column}, ${text}) > 0`
    : sql<SqlBool>`instr(${column}, ${text}) > 0`;
}
