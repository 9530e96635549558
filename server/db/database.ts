import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  type Compilable,
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  sql,
  SqliteDialect,
} from 'kysely';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-ledger-order';
import * as m0003 from './migrations/0003-audit-search-keys';
import * as m0004 from './migrations/0004-sales-search';
import * as m0005 from './migrations/0005-sales-by-type';
import * as m0006 from './migrations/0006-fleet-in-sql';
import * as m0007 from './migrations/0007-fleet-counts-and-last-seen';
import * as m0008 from './migrations/0008-overview';
import * as m0009 from './migrations/0009-shared-state';
import * as m0010 from './migrations/0010-terminal-protocol';
import * as m0011 from './migrations/0011-live-events';
import * as m0012 from './migrations/0012-firmware-commands';
import type { SqlReader } from './reader';
import type { Database } from './schema';

/** Every migration the code knows, in order. A new one is appended, never edited once released. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': m0001,
  '0002-ledger-order': m0002,
  '0003-audit-search-keys': m0003,
  '0004-sales-search': m0004,
  '0005-sales-by-type': m0005,
  '0006-fleet-in-sql': m0006,
  '0007-fleet-counts-and-last-seen': m0007,
  '0008-overview': m0008,
  '0009-shared-state': m0009,
  '0010-terminal-protocol': m0010,
  '0011-live-events': m0011,
  '0012-firmware-commands': m0012,
};

export const KNOWN_VERSIONS = Object.keys(MIGRATIONS).sort();

export class DatabaseTooNewError extends Error {
  override name = 'DatabaseTooNewError';
}

export interface Db extends SqlReader {
  /** The typed query builder; `run`/`all`/`first` execute what it compiles, synchronously. */
  readonly q: Kysely<Database>;
  readonly sqlite: BetterSqlite3.Database;
  readonly file: string;
  run(query: Compilable): void;
  all<T>(query: Compilable<T>): T[];
  /** Row by row, so a big table is never all in memory as rows at once. */
  each<T>(query: Compilable<T>): IterableIterator<T>;
  first<T>(query: Compilable<T>): T | undefined;
  /** The prepared statement of SQL text that Kysely compiled (cached). */
  prepared(sql: string): BetterSqlite3.Statement;
  /** Runs `work` in one transaction (better-sqlite3's, so nested calls become savepoints). */
  transaction<T>(work: () => T): T;
  setSynchronous(level: 'FULL' | 'NORMAL'): void;
  /**
   * Fills an empty table: its secondary indexes are built after the rows rather than row by row (SQLite's
   * catalogue; PostgreSQL will have COPY). Inside a transaction, so a failure leaves the indexes as they were.
   */
  bulkLoad(table: string, work: () => void): void;
  close(): Promise<void>;
}

// SQLite specifics live here, not in the migrations: WAL, foreign keys, busy wait, fsync level.
export function openDb(file: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`synchronous = ${synchronous}`);
  let level: string = synchronous;
  const q = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const inTransaction = sqlite.transaction((work: () => unknown) => work());
  // The statements a request runs come from a handful of query shapes: prepared once each.
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = sqlite.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  const prepare = (query: Compilable) => {
    const compiled = query.compile();
    return { statement: prepared(compiled.sql), parameters: compiled.parameters as unknown[] };
  };
  return {
    q,
    dialect: 'sqlite',
    sqlite,
    file,
    read<T>(query: Compilable<T>) {
      const { statement, parameters } = prepare(query);
      return Promise.resolve(statement.all(...parameters) as T[]);
    },
    readOne<T>(query: Compilable<T>) {
      const { statement, parameters } = prepare(query);
      return Promise.resolve(statement.get(...parameters) as T | undefined);
    },
    run(query) {
      const { statement, parameters } = prepare(query);
      statement.run(...parameters);
    },
    all<T>(query: Compilable<T>) {
      const { statement, parameters } = prepare(query);
      return statement.all(...parameters) as T[];
    },
    each<T>(query: Compilable<T>) {
      const { statement, parameters } = prepare(query);
      return statement.iterate(...parameters) as IterableIterator<T>;
    },
    first<T>(query: Compilable<T>) {
      const { statement, parameters } = prepare(query);
      return statement.get(...parameters) as T | undefined;
    },
    prepared,
    transaction: <T>(work: () => T) => inTransaction(work) as T,
    setSynchronous(wanted) {
      // Only outside a transaction.
      if (level !== wanted) sqlite.pragma(`synchronous = ${wanted}`);
      level = wanted;
    },
    bulkLoad(table, work) {
      const indexes = sqlite
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        )
        .all(table) as { name: string; sql: string }[];
      for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
      work();
      for (const index of indexes) sqlite.exec(index.sql);
      statements.clear();
    },
    async close() {
      await q.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** Versions applied to the database, oldest first (none for a new one). */
export async function appliedVersions(db: Db | Kysely<Database>): Promise<string[]> {
  const q = db instanceof Kysely ? db : db.q;
  const tables = await q.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(q);
  return rows.rows.map((r) => r.name);
}

export interface MigrationReport {
  applied: string[];
  current: string | null;
}

/**
 * Applies what is pending; refuses a database that a newer release has migrated. The same migrations for
 * SQLite and PostgreSQL (server/db/dialect.ts has the little they spell differently).
 */
export async function migrate(db: Db | Kysely<Database>, name?: string): Promise<MigrationReport> {
  const q = db instanceof Kysely ? db : db.q;
  const where = name ?? (db instanceof Kysely ? 'The database' : `The database ${db.file}`);
  const applied = await appliedVersions(q);
  const unknown = applied.filter((version) => !KNOWN_VERSIONS.includes(version));
  if (unknown.length > 0) {
    throw new DatabaseTooNewError(
      `${where} is at schema version ${applied.at(-1)}, newer than this code knows ` +
        `(up to ${KNOWN_VERSIONS.at(-1)}; unknown: ${unknown.join(', ')}). Run a release that knows it; ` +
        'a schema is never migrated down.',
    );
  }
  const migrator = new Migrator({ db: q, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const done = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return { applied: done, current: KNOWN_VERSIONS.at(-1) ?? null };
}
