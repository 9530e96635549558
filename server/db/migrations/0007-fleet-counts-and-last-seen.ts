import type { Kysely } from 'kysely';

// Two reads of the fleet that walked ~100,000 rows for a page of 50 (decision 018, docs/performance.md):
// - Last seen: a page is read in three groups (server/db/sql-fleet.ts `lastSeenQueries`): offline terminals,
//   and online ones that did something within the last heartbeat interval, in `last_seen_at` order; the other
//   online ones in the order of their heartbeat's phase. Indexes for all terminals and per merchant.
// - The list's counts are one count per figure: the terminals on the factory PIN and the locked ones each
//   seek their own narrow index instead of every row evaluating every figure.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('terminals_by_online_last_seen')
    .on('terminals')
    .columns(['online', 'last_seen_at', 'tid'])
    .execute();
  // The same per merchant: one merchant's page is a seek on its own terminals, not a walk of everyone's.
  await db.schema
    .createIndex('terminals_by_merchant_online_last_seen')
    .on('terminals')
    .columns(['merchant_id', 'online', 'last_seen_at', 'tid'])
    .execute();
  await db.schema
    .createIndex('terminals_by_merchant_heartbeat')
    .on('terminals')
    .columns(['merchant_id', 'online', 'heartbeat_phase', 'last_seen_at', 'tid'])
    .execute();
  // Whether a PIN is set, for all terminals and per merchant (each covers the PIN's state).
  await db.schema
    .createIndex('terminals_by_password_set')
    .on('terminals')
    .columns(['password_set', 'online', 'locked_until', 'password_temporary', 'merchant_id'])
    .execute();
  await db.schema
    .createIndex('terminals_by_merchant_password_set')
    .on('terminals')
    .columns(['merchant_id', 'password_set', 'online', 'locked_until', 'password_temporary'])
    .execute();
  // Locks, for all terminals and for the online or offline ones.
  await db.schema
    .createIndex('terminals_by_locked_until')
    .on('terminals')
    .columns(['locked_until', 'password_set', 'merchant_id'])
    .execute();
  await db.schema
    .createIndex('terminals_by_online_locked_until')
    .on('terminals')
    .columns(['online', 'locked_until', 'password_set', 'merchant_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'terminals_by_online_locked_until',
    'terminals_by_locked_until',
    'terminals_by_merchant_password_set',
    'terminals_by_password_set',
    'terminals_by_merchant_heartbeat',
    'terminals_by_merchant_online_last_seen',
    'terminals_by_online_last_seen',
  ])
    await db.schema.dropIndex(index).execute();
}
