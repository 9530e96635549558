import { type Kysely, sql } from 'kysely';
import { dialectOf, rrnTail } from '../dialect';

// The search box finds a sale by a whole trace number, 3–5 digits of one, an RRN's tail, a card's last 4
// or an amount (acquirer/views/transactions.ts). Across all merchants (support) each must be a seek, not a
// scan of every sale. Trace numbers are 6 digits (ISO 8583 field 11): a part at position p is a prefix of
// the suffix from p, so one index per suffix turns "contains" into ranges (server/db/sql-ledger.ts).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration is written against the schema of its time
export async function up(db: Kysely<any>): Promise<void> {
  for (const from of [2, 3, 4]) {
    await db.schema
      .createIndex(`transactions_by_trace_from_${from}`)
      .on('transactions')
      .expression(sql`substr(trace_no, ${sql.lit(from)})`)
      .execute();
  }
  await db.schema
    .createIndex('transactions_by_rrn_tail')
    .on('transactions')
    .expression(rrnTail(dialectOf(db)))
    .execute();
  await db.schema.createIndex('transactions_by_amount').on('transactions').column('amount_fen').execute();
}
