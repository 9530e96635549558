import { type Kysely, sql } from 'kysely';

// Firmware updates as commands (issue 16, decision 024): `password_commands.kind` may be `firmware`, and
// `firmware_version` holds such a command's target release (a firmware command must have one).
//
// SQLite cannot alter a CHECK constraint, so the table is rebuilt the portable way, the same statements on
// SQLite and PostgreSQL: a new table with the new checks, every row copied, the old one dropped, the new one
// renamed, then every index of 0001 and 0009 made again (with their names). No other table refers to it.

const COPIED = [
  'id',
  'seq',
  'tid',
  'merchant_id',
  'kind',
  'status',
  'requested_by',
  'requested_by_user_id',
  'requested_at',
  'delivered_at',
  'applied_at',
  'cancelled_at',
  'failure_reason',
  'expires_at',
  'temporary',
  'new_hash',
  'base_password_version',
  'ticket_id',
  'reason',
  'job_id',
  'verifier',
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_commands_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('tid', 'text', (c) => c.notNull().references('terminals.tid'))
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('change', 'reset', 'firmware')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued', 'delivered', 'applied', 'failed', 'expired', 'cancelled')`),
    )
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addColumn('applied_at', 'bigint')
    .addColumn('cancelled_at', 'bigint')
    .addColumn('failure_reason', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('temporary', 'integer')
    .addColumn('new_hash', 'text')
    .addColumn('base_password_version', 'integer', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('job_id', 'text', (c) => c.references('bulk_jobs.id'))
    .addColumn('verifier', 'text')
    .addColumn('firmware_version', 'text')
    .addCheckConstraint(
      'password_commands_firmware_version',
      sql`kind <> 'firmware' or firmware_version is not null`,
    )
    .execute();
  await db
    .insertInto('password_commands_next')
    .columns([...COPIED])
    .expression(db.selectFrom('password_commands').select([...COPIED]))
    .execute();
  await db.schema.dropTable('password_commands').execute();
  await db.schema.alterTable('password_commands_next').renameTo('password_commands').execute();

  await db.schema
    .createIndex('password_commands_by_terminal')
    .on('password_commands')
    .columns(['tid', 'seq'])
    .execute();
  await db.schema
    .createIndex('password_commands_by_merchant')
    .on('password_commands')
    .columns(['merchant_id', 'requested_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('password_commands_by_status')
    .on('password_commands')
    .column('status')
    .execute();
  await db.schema.createIndex('password_commands_by_job').on('password_commands').column('job_id').execute();
  await db.schema
    .createIndex('password_commands_one_open')
    .on('password_commands')
    .column('tid')
    .unique()
    .where(sql.ref('status'), 'in', sql`('queued', 'delivered')`)
    .execute();
}
