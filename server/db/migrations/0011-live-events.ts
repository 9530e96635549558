import type { Kysely } from 'kysely';

// Live updates (issue 16, decision 023): `live_events`, the events of the last 15 minutes as several server
// processes on PostgreSQL share them. Each is written in the transaction of the run that made it (under the
// state lock, numbered from `max(id) + 1`, so numbers follow the commits), then `pg_notify` wakes the other
// processes, which read the rows after the last number they saw. `body` is the event's JSON (ids, TID,
// merchant, status, time: never a secret). SQLite (one process) keeps its events in memory; the table is there
// unused, as the schema is one for both.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('live_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('stored_at', 'bigint', (c) => c.notNull())
    .addColumn('merchant_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_events_by_time').on('live_events').column('stored_at').execute();
}
