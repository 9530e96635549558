import { type Kysely, sql } from 'kysely';
import type { Db } from './database';
import type { Database } from './schema';
import { TABLES_IN_ORDER } from './table-store';

/** Rows per INSERT: PostgreSQL binds at most 65,535 parameters per statement. */
const BATCH_PARAMETERS = 30_000;
const READ_CHUNK = 5_000;

export interface CopyReport {
  rows: Partial<Record<keyof Database, number>>;
  ms: number;
}

/**
 * Copies every row of an SQLite database into an empty PostgreSQL one at the same schema version, in one
 * PostgreSQL transaction: all of it or nothing (issue 15: moving to PostgreSQL when one machine is not
 * enough). Parents before children, rows read a chunk at a time (a 2,000,000-sale file is never in memory),
 * and each table's count checked on both sides before the commit.
 */
export async function copySqliteToPostgres(
  source: Db,
  target: Kysely<Database>,
  log: (line: string) => void = () => {},
): Promise<CopyReport> {
  const started = performance.now();
  let rows: CopyReport['rows'] = {};
  await target.transaction().execute(async (tx) => {
    // Nothing the copy writes needs to reach the disk before the commit does.
    await sql`set local synchronous_commit = off`.execute(tx);
    rows = await copyTables(source, tx, log);
  });
  // Statistics for the planner and the visibility map for index-only scans: autovacuum would get there,
  // but not before the first requests (support's fleet page on xlarge: 33 ms before, 16 ms after).
  await sql`vacuum analyze`.execute(target);
  return { rows, ms: Math.round(performance.now() - started) };
}

/**
 * Copies every table of `source` into the tables of `tx` (a transaction: each must be empty), parents first,
 * checking each table's count on both sides.
 */
export async function copyTables(
  source: Db,
  tx: Kysely<Database>,
  log: (line: string) => void = () => {},
): Promise<CopyReport['rows']> {
  const report: CopyReport['rows'] = {};
  for (const table of TABLES_IN_ORDER) {
    const count = async (q: Kysely<Database>) =>
      Number(
        (
          await q
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      );
    if ((await count(tx)) > 0)
      throw new Error(`the target's ${table} already holds rows: copy into an empty database`);
    let copied = 0;
    let batch: Record<string, unknown>[] = [];
    let size = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await tx
        .insertInto(table)
        .values(batch as never)
        .execute();
      copied += batch.length;
      batch = [];
    };
    // In rowid order, a chunk at a time: the source's rows as it stores them.
    for (let after = -1; ;) {
      const chunk = source.sqlite
        .prepare(`SELECT rowid AS rowid__, * FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT ?`)
        .all(after, READ_CHUNK) as Record<string, unknown>[];
      if (chunk.length === 0) break;
      for (const row of chunk) {
        after = row.rowid__ as number;
        delete row.rowid__;
        if (size === 0) size = Math.max(1, Math.floor(BATCH_PARAMETERS / Object.keys(row).length));
        batch.push(row);
        if (batch.length >= size) await flush();
      }
    }
    await flush();
    const expected = Number(
      (source.first(source.q.selectFrom(table).select((eb) => eb.fn.countAll().as('n'))) as { n: number }).n,
    );
    if (copied !== expected || (await count(tx)) !== expected) {
      throw new Error(`${table}: ${expected} rows in the source, ${copied} copied`);
    }
    report[table] = copied;
    log(`${table}: ${copied} rows`);
  }
  return report;
}
