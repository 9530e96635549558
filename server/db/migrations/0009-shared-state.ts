import { type Kysely, sql } from 'kysely';

// Several server processes on one PostgreSQL (issue 15, decision 021):
// - `state_log`: every committed change of the state a process holds (terminals, sessions, commands, jobs,
//   idempotency records, throttles, accounts, faults, the clock) is logged under the version its
//   transaction took. A process takes the state lock, reads the entries after the last version it saw and
//   reloads those rows before it runs a request: it never acts on a state another process has changed.
// - One open command per terminal is also a constraint of the table: a write that would leave a terminal
//   with two queued or delivered commands fails, whatever any process holds in memory.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('state_log')
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('state_log_by_version').on('state_log').column('version').execute();
  await db.schema
    .createIndex('password_commands_one_open')
    .on('password_commands')
    .column('tid')
    .unique()
    .where(sql.ref('status'), 'in', sql`('queued', 'delivered')`)
    .execute();
}
