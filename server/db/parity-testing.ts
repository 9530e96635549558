import path from 'node:path';
import type { Compilable } from 'kysely';
import { type Acquirer, createAcquirer } from '@acquirer/acquirer';
import { fastHasher } from '@acquirer/hash';
import type { Scenario } from '@acquirer/types';
import type { Db } from './database';
import { openTableStore, type TableStore } from './table-store';

// For the tests that prove the server's SQL adapters answer as the mock's memory ones (decisions 017, 018).

/** A memory acquirer and one on freshly seeded tables, with every SQL adapter: same seed, same frozen clock. */
export async function memoryAndSqlAcquirers(options: {
  dir: string;
  file: string;
  scenario: Scenario;
  seed: string;
  now: number;
}): Promise<{ memory: Acquirer; sql: Acquirer; store: TableStore }> {
  const { scenario, seed, now } = options;
  const store = await openTableStore({
    file: path.join(options.dir, options.file),
    seed: { scenario, seed, now, hasher: fastHasher },
  });
  const sql: Acquirer = createAcquirer({
    storage: store,
    realNow: () => now,
    ledger: store.ledger(() => sql.state.world),
    fleet: store.fleet(() => sql.state.world),
    auditTrail: store.auditTrail(),
  });
  const memory = createAcquirer({ scenario, seed, now, realNow: () => now });
  await Promise.all([sql.ready(), memory.ready()]);
  return { memory, sql, store };
}

/** How SQLite runs a query: the lines of `EXPLAIN QUERY PLAN`, joined. */
export function queryPlan(db: Db, query: Compilable): string {
  const compiled = query.compile();
  const rows = db.sqlite
    .prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`)
    .all(...(compiled.parameters as unknown[])) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}
