// `npm run bench:ports -- --db FILE [--pg DATABASE_URL]`: the read ports timed in process, on the SQLite file
// and, given one, on a PostgreSQL holding the same rows (`npm run db:copy`): the queries behind the fleet
// list, transactions, search and the overview, side by side. A figure for docs/performance.md, not a test.
import { DAY, shanghaiMidnight } from '@acquirer/clock';
import type { FleetFilter, FleetSort } from '@acquirer/fleet';
import type { LedgerFilter } from '@acquirer/ledger';
import type { World } from '@acquirer/types';
import { openDb } from './database';
import { openPostgres } from './postgres';
import { postgresReader, type SqlReader } from './reader';
import { sqlFleet } from './sql-fleet';
import { sqlLedger } from './sql-ledger';

const args = process.argv.slice(2);
const argOf = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const file = argOf('--db');
if (!file) throw new Error('usage: npm run bench:ports -- --db FILE [--pg DATABASE_URL]');
const samples = Number(argOf('--samples') ?? 50);

// The ports look terminals up by tid in the server's memory; here any tid is a terminal.
const world = (() => ({ terminalByTid: { get: (tid: string) => ({ tid }) } })) as unknown as () => World;

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await run();
  const took: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run();
    took.push(performance.now() - started);
  }
  took.sort((a, b) => a - b);
  const at = (p: number) => took[Math.min(took.length - 1, Math.ceil((p / 100) * took.length) - 1)]!;
  return { p50: at(50), p95: at(95) };
}

async function cases(reader: SqlReader) {
  const fleet = sqlFleet(reader, world);
  const ledger = sqlLedger(reader, world);
  const biggest = await reader.readOne(
    reader.q
      .selectFrom('terminals')
      .select((eb) => ['merchant_id', eb.fn.countAll<number>().as('n')])
      .groupBy('merchant_id')
      .orderBy('n', 'desc')
      .limit(1),
  );
  const sample = await reader.readOne(
    reader.q
      .selectFrom('transactions')
      .select(['trace_no', 'rrn', 'card_last4', 'created_at'])
      .orderBy('created_at', 'desc')
      .limit(1),
  );
  if (!biggest || !sample) throw new Error('the database holds no terminals or sales');
  const owner = [biggest.merchant_id];
  const now = Date.now();
  const online: FleetFilter = { merchantIds: null, status: 'online' };
  const bySeen: FleetSort = { key: 'lastSeenAt', direction: -1, after: null };
  const custom: FleetFilter = { merchantIds: owner, passwordState: 'custom' };
  const byStore: FleetSort = { key: 'storeName', direction: 1, after: null };
  const to = shanghaiMidnight(sample.created_at);
  const sales: LedgerFilter = { merchantIds: owner, type: 'sale', from: to - 6 * DAY, to };
  const search = (part: Partial<NonNullable<LedgerFilter['search']>>): LedgerFilter => ({
    merchantIds: null,
    search: { trace: null, tracePart: null, rrnTail: null, last4: null, amount: null, ...part },
  });
  return [
    [
      'fleet, first page, online by last seen, support',
      () => Promise.all([fleet.page(online, bySeen, 51, now), fleet.counts(online, now)]),
    ],
    [
      'fleet, first page, custom PIN by store, the biggest merchant',
      () => Promise.all([fleet.page(custom, byStore, 51, now), fleet.counts(custom, now)]),
    ],
    ['transactions: sales of that merchant, 6 days, first page', () => ledger.page(sales, null, 51)],
    ['search a trace number, all merchants', () => ledger.page(search({ trace: sample.trace_no }), null, 51)],
    [
      'search an RRN tail, all merchants',
      () => ledger.page(search({ rrnTail: sample.rrn.slice(-8) }), null, 51),
    ],
    [
      'search a last 4, all merchants',
      () => ledger.page(search({ last4: sample.card_last4 ?? '0000' }), null, 51),
    ],
    ['overview: voidable now, support', () => ledger.voidableNow(null, now)],
    [
      'overview: voids per day, 14 days, support',
      () =>
        ledger.totalsByDay(
          { merchantIds: null, type: 'void', outcome: 'approved', to: now + 1 },
          shanghaiMidnight(now) - 13 * DAY,
          14,
        ),
    ],
  ] as const;
}

const results = new Map<string, Record<string, string>>();
async function measure(store: string, reader: SqlReader) {
  for (const [what, run] of await cases(reader)) {
    const { p50, p95 } = await time(run);
    const row = results.get(what) ?? {};
    row[store] = `${p50.toFixed(1)} / ${p95.toFixed(1)}`;
    results.set(what, row);
  }
}

const sqlite = openDb(file, 'NORMAL');
await measure('SQLite', sqlite);
await sqlite.close();
const pgUrl = argOf('--pg');
if (pgUrl) {
  const q = await openPostgres(pgUrl);
  await measure('PostgreSQL', postgresReader(q));
  await q.destroy();
}
const stores = pgUrl ? ['SQLite', 'PostgreSQL'] : ['SQLite'];
process.stdout.write(`| what (p50 / p95 ms, ${samples} samples, in process) | ${stores.join(' | ')} |\n`);
process.stdout.write(`| --- | ${stores.map(() => '---').join(' | ')} |\n`);
for (const [what, row] of results)
  process.stdout.write(`| ${what} | ${stores.map((s) => row[s]).join(' | ')} |\n`);
