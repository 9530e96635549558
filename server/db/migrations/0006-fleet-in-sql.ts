import type { Kysely } from 'kysely';

// The fleet list is read from the tables (decision 018): filtered, counted and paged in SQL.
//
// - The search box finds text in the TID, the serial number or the store's name, in any case. SQLite's
//   `lower()` is ASCII-only, so each row carries its key, lower-cased in JavaScript as the rules do:
//   `terminals.sn_key`, `stores.name_key`. New rows get them from server/db/rows.ts; this fills the rows
//   there are.
// - Store names and models sort as people read them (2号店 before 29号店, Chinese by pinyin), which no SQL
//   collation both dialects share gives. Each row carries its value's rank in that order: `stores.name_rank`,
//   and on the terminal `store_rank` (its store's) and `model_rank`. server/db/fleet-ranks.ts computes them
//   whenever terminals or stores are written in bulk (seed, reset, provisioning) and at start; here they
//   start at 0, which sorts every row by tid until then.
// - `terminals.password_set` (0/1: a PIN other than the factory one is set) and two narrow indexes that
//   cover what the list counts and the last-seen sort read, so counting 100,000 terminals scans a small
//   index rather than the wide rows (hashes, history): `terminals_fleet_counts` and `terminals_by_heartbeat`.
// - Indexes for each sort, per merchant and for all (support), so a page is an index walk.

/** server/db/rows.ts as of this migration (a migration does not change once released). */
const keyOf = (text: string) => text.toLowerCase();
const BATCH = 1_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('stores')
    .addColumn('name_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('stores')
    .addColumn('name_rank', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('terminals')
    .addColumn('sn_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  for (const column of ['store_rank', 'model_rank', 'password_set']) {
    await db.schema
      .alterTable('terminals')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
  await db.updateTable('terminals').set({ password_set: 1 }).where('password_hash', 'is not', null).execute();

  for (const [table, key, text, column] of [
    ['stores', 'id', 'name', 'name_key'],
    ['terminals', 'tid', 'sn', 'sn_key'],
  ] as const) {
    let after: string | null = null;
    for (;;) {
      let query = db.selectFrom(table).select([key, text]).orderBy(key).limit(BATCH);
      if (after !== null) query = query.where(key, '>', after);
      const rows = (await query.execute()) as Record<string, string>[];
      for (const row of rows) {
        await db
          .updateTable(table)
          .set({ [column]: keyOf(row[text]!) })
          .where(key, '=', row[key])
          .execute();
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)![key]!;
    }
  }

  for (const key of ['store_rank', 'model_rank', 'password_changed_at']) {
    await db.schema.createIndex(`terminals_by_${key}`).on('terminals').columns([key, 'tid']).execute();
  }
  await db.schema
    .createIndex('terminals_fleet_counts')
    .on('terminals')
    .columns(['merchant_id', 'online', 'locked_until', 'password_set', 'password_changed_at', 'tid'])
    .execute();
  await db.schema
    .createIndex('terminals_by_heartbeat')
    .on('terminals')
    .columns([
      'online',
      'heartbeat_phase',
      'last_seen_at',
      'locked_until',
      'password_set',
      'merchant_id',
      'tid',
    ])
    .execute();
  for (const key of ['store_rank', 'model_rank']) {
    await db.schema
      .createIndex(`terminals_by_merchant_${key}`)
      .on('terminals')
      .columns(['merchant_id', key, 'tid'])
      .execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['terminals_fleet_counts', 'terminals_by_heartbeat'])
    await db.schema.dropIndex(index).execute();
  for (const key of ['store_rank', 'model_rank'])
    await db.schema.dropIndex(`terminals_by_merchant_${key}`).execute();
  for (const key of ['store_rank', 'model_rank', 'password_changed_at'])
    await db.schema.dropIndex(`terminals_by_${key}`).execute();
  for (const column of ['password_set', 'model_rank', 'store_rank', 'sn_key'])
    await db.schema.alterTable('terminals').dropColumn(column).execute();
  for (const column of ['name_rank', 'name_key'])
    await db.schema.alterTable('stores').dropColumn(column).execute();
}
