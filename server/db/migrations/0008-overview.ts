import { type Kysely, sql } from 'kysely';

// What support's overview reads on xlarge, each a seek instead of a walk of the rows:
// - "Voidable now" is counted in SQL (server/db/sql-ledger.ts `voidableNow`): the approved card sales not
//   voided since the terminals' last cutoff. Read from the transactions' rows it took ~150 ms at the end of
//   the day; a partial index holding only such sales, with the columns the count needs, makes it a walk of
//   that index. The three constant columns lead so that SQLite, which has no statistics, prefers it to the
//   index by type and time. The terminals' cutoff minutes are counted from their own narrow index.
// - PINs older than 90 days (`stalePasswords`, and the alerts per merchant): set PINs by the time they were set
//   (`terminals_fleet_counts` serves one merchant), instead of 90,000 rows looked up for their age.
// - Manual settlements by time, for the ones still to come that can close a batch before its cutoff.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('transactions_voidable')
    .on('transactions')
    .columns(['type', 'outcome', 'voided', 'created_at', 'merchant_id', 'tid', 'method', 'amount_fen'])
    .where(sql.ref('type'), '=', sql.lit('sale'))
    .where(sql.ref('outcome'), '=', sql.lit('approved'))
    .where(sql.ref('voided'), '=', sql.lit(0))
    .execute();
  await db.schema
    .createIndex('terminals_by_password_age')
    .on('terminals')
    .columns(['password_set', 'password_changed_at', 'merchant_id'])
    .execute();
  await db.schema
    .createIndex('terminals_by_cutoff_minute')
    .on('terminals')
    .columns(['cutoff_minute', 'merchant_id', 'tid'])
    .execute();
  // Settlements still to come (after the sandbox clock went back), looked up at every overview: a seek by
  // time, not a walk of every settlement ever made (the table only grows).
  await db.schema
    .createIndex('terminal_settlements_by_time')
    .on('terminal_settlements')
    .column('settled_at')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('terminal_settlements_by_time').execute();
  await db.schema.dropIndex('terminals_by_cutoff_minute').execute();
  await db.schema.dropIndex('terminals_by_password_age').execute();
  await db.schema.dropIndex('transactions_voidable').execute();
}
