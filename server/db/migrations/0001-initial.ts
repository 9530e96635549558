import { type Kysely, sql } from 'kysely';

// Only what PostgreSQL speaks too: text, integer, bigint, primary and foreign keys, checks, plain indexes.
// Instants are epoch milliseconds (bigint); flags 0/1 integers.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('merchants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('payout_mode', 'text', (c) => c.notNull().check(sql`payout_mode in ('T1', 'D0')`))
    .execute();

  await db.schema
    .createTable('stores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stores_by_merchant').on('stores').columns(['merchant_id', 'name']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('username_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'cashier', 'support')`))
    .addColumn('password_salt', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_merchants')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_merchants_pk', ['user_id', 'merchant_id'])
    .execute();
  await db.schema
    .createIndex('user_merchants_by_merchant')
    .on('user_merchants')
    .column('merchant_id')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('expired', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_by_activity').on('sessions').column('last_activity_at').execute();

  await db.schema
    .createTable('step_up_grants')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('session_id_hash', 'text', (c) =>
      c.notNull().references('sessions.id_hash').onDelete('cascade'),
    )
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('step_up_grants_by_session')
    .on('step_up_grants')
    .columns(['session_id_hash', 'position'])
    .execute();

  await db.schema
    .createTable('terminals')
    .addColumn('tid', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('sn', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('firmware', 'text', (c) => c.notNull())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('cutoff_minute', 'integer', (c) => c.notNull())
    .addColumn('batch_base', 'integer', (c) => c.notNull())
    .addColumn('online', 'integer', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('heartbeat_phase', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('password_state', 'text', (c) =>
      c.notNull().check(sql`password_state in ('default', 'custom', 'temporary', 'locked')`),
    )
    .addColumn('password_salt', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'bigint')
    .addColumn('password_history_1', 'text')
    .addColumn('password_history_2', 'text')
    .addColumn('password_history_3', 'text')
    .addColumn('password_version', 'integer', (c) => c.notNull())
    .addColumn('password_temporary', 'integer')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_at', 'bigint')
    .addColumn('locked_until', 'bigint')
    .execute();
  // Keyset pagination of the fleet list: merchant, then each sort key, then tid as the tie-breaker.
  await db.schema
    .createIndex('terminals_by_merchant')
    .on('terminals')
    .columns(['merchant_id', 'tid'])
    .execute();
  for (const key of ['model', 'last_seen_at', 'password_changed_at', 'password_state', 'store_id']) {
    await db.schema
      .createIndex(`terminals_by_merchant_${key}`)
      .on('terminals')
      .columns(['merchant_id', key, 'tid'])
      .execute();
  }
  await db.schema.createIndex('terminals_by_sn').on('terminals').column('sn').execute();
  await db.schema.createIndex('terminals_by_store').on('terminals').columns(['store_id', 'tid']).execute();

  await db.schema
    .createTable('terminal_settlements')
    .addColumn('tid', 'text', (c) => c.notNull().references('terminals.tid').onDelete('cascade'))
    .addColumn('settled_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('terminal_settlements_pk', ['tid', 'settled_at'])
    .execute();

  await db.schema
    .createTable('transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('tid', 'text', (c) => c.notNull().references('terminals.tid'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('sale', 'void')`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('approved', 'declined')`))
    .addColumn('voided', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('card_last4', 'text')
    .addColumn('batch_no', 'text', (c) => c.notNull())
    .addColumn('trace_no', 'text', (c) => c.notNull())
    .addColumn('rrn', 'text', (c) => c.notNull())
    .addColumn('operator_no', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('original_id', 'text', (c) => c.references('transactions.id'))
    .execute();
  // Keyset pagination, newest first: (created_at, id) descending within a merchant or a terminal.
  await db.schema
    .createIndex('transactions_by_merchant')
    .on('transactions')
    .columns(['merchant_id', 'created_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('transactions_by_terminal')
    .on('transactions')
    .columns(['tid', 'created_at desc', 'id desc'])
    .execute();
  await db.schema.createIndex('transactions_by_trace_no').on('transactions').columns(['trace_no']).execute();
  await db.schema.createIndex('transactions_by_rrn').on('transactions').columns(['rrn']).execute();
  await db.schema
    .createIndex('transactions_by_card_last4')
    .on('transactions')
    .columns(['card_last4'])
    .execute();
  await db.schema
    .createIndex('transactions_by_original')
    .on('transactions')
    .columns(['original_id'])
    .execute();

  await db.schema
    .createTable('bulk_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('ticket_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('client_ip', 'text')
    .execute();

  await db.schema
    .createTable('bulk_job_pending')
    .addColumn('job_id', 'text', (c) => c.notNull().references('bulk_jobs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('tid', 'text', (c) => c.notNull().references('terminals.tid'))
    .addColumn('new_hash', 'text')
    .addColumn('reused', 'integer')
    .addPrimaryKeyConstraint('bulk_job_pending_pk', ['job_id', 'position'])
    .execute();

  await db.schema
    .createTable('bulk_job_results')
    .addColumn('job_id', 'text', (c) => c.notNull().references('bulk_jobs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('tid', 'text', (c) => c.notNull())
    .addColumn('command_id', 'text')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('bulk_job_results_pk', ['job_id', 'position'])
    .execute();

  await db.schema
    .createTable('password_commands')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('tid', 'text', (c) => c.notNull().references('terminals.tid'))
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('change', 'reset')`))
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
    .execute();
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
    .createTable('audit_events')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    // No foreign keys: the log outlives what it names.
    .addColumn('merchant_id', 'text')
    .addColumn('tid', 'text')
    .addColumn('target', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('success', 'failure')`))
    .addColumn('ticket_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('client_ip', 'text')
    .execute();
  await db.schema
    .createIndex('audit_events_by_merchant')
    .on('audit_events')
    .columns(['merchant_id', 'at desc', 'seq desc'])
    .execute();
  await db.schema
    .createIndex('audit_events_by_terminal')
    .on('audit_events')
    .columns(['tid', 'at desc'])
    .execute();
  await db.schema
    .createIndex('audit_events_by_time')
    .on('audit_events')
    .columns(['at desc', 'seq desc'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('info', 'warning', 'critical')`))
    .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
    .addColumn('tid', 'text', (c) => c.references('terminals.tid'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('alerts_by_merchant')
    .on('alerts')
    .columns(['merchant_id', 'created_at desc', 'id desc'])
    .execute();

  await db.schema
    .createTable('idempotency_records')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('idempotency_records_by_age')
    .on('idempotency_records')
    .column('created_at')
    .execute();

  await db.schema
    .createTable('login_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('until', 'bigint')
    .addColumn('since', 'bigint')
    .execute();

  await db.schema
    .createTable('faults')
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('network_error', 'integer')
    .addColumn('delay_ms', 'integer')
    .addColumn('malformed', 'integer')
    .addColumn('remaining', 'integer', (c) => c.notNull())
    .execute();
}
