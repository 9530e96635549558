import type { Kysely } from 'kysely';

// Voids are read apart from sales (the voids review, void bursts, the overview's 14 days): a merchant's
// voids are ~1 % of its rows, so with the type after the merchant a page of them is a seek, not a walk
// through every sale of those days. The same for all merchants (support).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('transactions_by_merchant_type')
    .on('transactions')
    .columns(['merchant_id', 'type', 'created_at desc', 'id'])
    .execute();
  await db.schema
    .createIndex('transactions_by_type')
    .on('transactions')
    .columns(['type', 'created_at desc', 'id'])
    .execute();
}
