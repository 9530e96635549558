import type { Kysely } from 'kysely';

// The ledger pages newest first with ties by id ascending (acquirer/ledger.ts): indexes in that order let
// SQLite and PostgreSQL walk a page without sorting, for one merchant, one terminal, or all (support).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('transactions_by_merchant').execute();
  await db.schema.dropIndex('transactions_by_terminal').execute();
  await db.schema
    .createIndex('transactions_by_merchant')
    .on('transactions')
    .columns(['merchant_id', 'created_at desc', 'id'])
    .execute();
  await db.schema
    .createIndex('transactions_by_terminal')
    .on('transactions')
    .columns(['tid', 'created_at desc', 'id'])
    .execute();
  await db.schema
    .createIndex('transactions_by_time')
    .on('transactions')
    .columns(['created_at desc', 'id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('transactions_by_time').execute();
  await db.schema.dropIndex('transactions_by_merchant').execute();
  await db.schema.dropIndex('transactions_by_terminal').execute();
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
}
