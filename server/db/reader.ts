import type { Compilable, Kysely } from 'kysely';
import type { Dialect } from './dialect';
import type { Database } from './schema';

/**
 * What the read ports (the ledger, the fleet, the audit trail) need of a store: the query builder, the
 * dialect for the few spots spelled differently (server/db/dialect.ts), and asynchronous reads. SQLite's
 * `Db` answers them synchronously underneath; PostgreSQL's `postgresReader` over the network.
 */
export interface SqlReader {
  readonly q: Kysely<Database>;
  readonly dialect: Dialect;
  read<T>(query: Compilable<T>): Promise<T[]>;
  readOne<T>(query: Compilable<T>): Promise<T | undefined>;
}

export function postgresReader(q: Kysely<Database>): SqlReader {
  const read = async <T>(query: Compilable<T>) => (await q.executeQuery(query.compile())).rows as T[];
  return { q, dialect: 'postgres', read, readOne: async (query) => (await read(query))[0] };
}
