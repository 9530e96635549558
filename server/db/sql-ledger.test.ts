// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acquirer } from '@acquirer/acquirer';
import { DAY, nextCutoffAfter, shanghaiMidnight } from '@acquirer/clock';
import { DEMO_TIDS, MERCHANT_A, MERCHANT_B } from '@acquirer/data/demo-fixtures';
import { generateWorld } from '@acquirer/data/generate';
import { fastHasher } from '@acquirer/hash';
import { type LedgerFilter, type LedgerKey, type LedgerSearch, memoryLedger } from '@acquirer/ledger';
import { signedIn, TEST_NOW } from '@acquirer/testing/harness';
import type { Scenario, TransactionRecord, World } from '@acquirer/types';
import { memoryAndSqlAcquirers, queryPlan } from './parity-testing';
import { transactionRow } from './rows';
import { pageQuery, voidableQuery } from './sql-ledger';
import { insertRows, openTableStore, type TableStore } from './table-store';

// The server reads sales from SQL, the mock from memory: the same filter must give the same rows, in the
// same order, with the same totals, and the rules on top must answer the same (decision 017).

const NOW = Date.parse(TEST_NOW);
const SEED = 'ledger-parity';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'acquirer-ledger-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bothAcquirers = (scenario: Scenario) =>
  memoryAndSqlAcquirers({ dir, file: `${scenario}.db`, scenario, seed: SEED, now: NOW });

/** Every constraint a ledger filter can have. */
const FILTER_KEYS: Record<Exclude<keyof LedgerFilter, 'storeId' | 'operatorNo'>, true> = {
  merchantIds: true,
  tid: true,
  type: true,
  outcome: true,
  method: true,
  from: true,
  to: true,
  minAmount: true,
  maxAmount: true,
  mayBeVoidable: true,
  search: true,
};

const ids = (rows: readonly TransactionRecord[]) => rows.map((tx) => tx.id);

describe.each(['demo', 'hostile'] as const)('the SQL ledger answers as the memory one (%s)', (scenario) => {
  let memory: Acquirer;
  let sql: Acquirer;
  let store: TableStore;
  beforeAll(async () => {
    ({ memory, sql, store } = await bothAcquirers(scenario));
  });
  afterAll(() => store.close());

  it('holds no sale in memory on the SQL side', () => {
    expect(sql.state.world.transactions).toEqual([]);
    expect(memory.state.world.transactions.length).toBeGreaterThan(100);
  });

  /** Every answer of these calls is equal on both: the lists, searches, the overview, alerts and files. */
  async function sameAnswers(user: string, calls: [string, Record<string, string>?][]) {
    const [a, b] = await Promise.all([signedIn(memory, user), signedIn(sql, user)]);
    const answered: { status: number; body: unknown }[] = [];
    for (const [path, query] of calls) {
      const [x, y] = await Promise.all([a.get(path, query), b.get(path, query)]);
      expect(y.status, `${user} ${path} ${JSON.stringify(query)}`).toBe(x.status);
      expect(y.body, `${user} ${path} ${JSON.stringify(query)}`).toEqual(x.body);
      answered.push({ status: x.status, body: x.body });
    }
    return answered;
  }

  function samples(): { trace: string; rrn: string; last4: string; amount: string; voidId: string } {
    const list = memory.state.world.transactions;
    const card = list.find((tx) => tx.cardLast4 !== undefined)!;
    const voidTx = list.find((tx) => tx.type === 'void' && tx.originalId)!;
    return {
      trace: card.traceNo,
      rrn: card.rrn,
      last4: card.cardLast4!,
      amount: (card.amount / 100).toFixed(2),
      voidId: voidTx.id,
    };
  }

  it.each(['owner', 'owner2', 'cashier', 'support'])(
    'answers %s the same lists, searches, details, overview, alerts and exports',
    async (user) => {
      const s = samples();
      const from = new Date(NOW - 3 * 86_400_000).toISOString();
      const to = new Date(NOW - 86_400_000).toISOString();
      const calls: [string, Record<string, string>?][] = [
        ['/transactions'],
        ['/transactions', { type: 'void' }],
        ['/transactions', { voidable: 'true' }],
        ['/transactions', { voidable: 'false', limit: '30' }],
        ['/transactions', { status: 'settled' }],
        ['/transactions', { status: 'approved', type: 'sale' }],
        ['/transactions', { status: 'voided' }],
        ['/transactions', { status: 'declined' }],
        ['/transactions', { method: 'wechat_qr' }],
        ['/transactions', { q: s.trace }],
        ['/transactions', { q: s.trace.slice(1, 5) }],
        ['/transactions', { q: s.trace.replace(/^0+/, '') || '0' }],
        ['/transactions', { q: s.rrn }],
        ['/transactions', { q: s.rrn.slice(-7) }],
        ['/transactions', { q: s.last4 }],
        ['/transactions', { q: s.amount }],
        ['/transactions', { q: 'abc' }],
        ['/transactions', { q: '  ' }],
        ['/transactions', { merchantId: MERCHANT_A }],
        ['/transactions', { merchantId: MERCHANT_B }],
        ['/transactions', { terminalId: DEMO_TIDS.custom }],
        ['/transactions', { terminalId: DEMO_TIDS.voidBurst, type: 'void' }],
        ['/transactions', { storeId: memory.state.world.terminalByTid.get(DEMO_TIDS.custom)!.storeId }],
        ['/transactions', { from, to }],
        ['/transactions', { minAmount: '1000', maxAmount: '20000' }],
        ['/transactions', { operatorNo: '03' }],
        [`/transactions/${s.voidId}`],
        ['/transactions/tx_nope'],
        ['/transactions/void-summary'],
        ['/transactions/void-summary', { terminalId: DEMO_TIDS.voidBurst }],
        ['/overview'],
        ['/overview', { merchantId: MERCHANT_A }],
        ['/alerts'],
        ['/transactions/export'],
        ['/transactions/export', { voidable: 'true', lang: 'en' }],
        ['/transactions/export', { terminalId: DEMO_TIDS.custom, type: 'void' }],
      ];
      const answered = await sameAnswers(user, calls);
      // Answers worth comparing: rows found, and files for those who may export.
      const rows = answered.map((r) => (r.body as { items?: unknown[] } | undefined)?.items?.length ?? 0);
      expect(rows.filter((n) => n > 0).length).toBeGreaterThan(12);
      const files = answered.filter((r) => typeof r.body === 'string' && r.body.split('\r\n').length > 2);
      // A cashier may export nothing; owner2 does not see terminal 58100102 (merchant A).
      expect(files.length).toBe({ cashier: 0, owner2: 2 }[user] ?? 3);
    },
  );

  it('walks the same pages by cursor, with and without the rules', async () => {
    const queries: Record<string, string>[] = [
      { limit: '13' },
      { limit: '9', voidable: 'false' },
      { limit: '2', q: '100' },
    ];
    for (const query of queries) {
      const [a, b] = await Promise.all([signedIn(memory, 'support'), signedIn(sql, 'support')]);
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Record<string, string> = cursor ? { ...query, cursor } : query;
        const [x, y] = await Promise.all([a.get('/transactions', page), b.get('/transactions', page)]);
        expect(y.body).toEqual(x.body);
        cursor = (x.body as { nextCursor: string | null }).nextCursor;
        pages++;
      } while (cursor && pages < 400);
      expect(pages, JSON.stringify(query)).toBeGreaterThan(1);
    }
  });
});

/** The demo generated in memory, and seeded into a file and loaded back: the two sides of each port. */
async function bothWorlds(file: string): Promise<{ world: World; store: TableStore; sqlWorld: World }> {
  const world = generateWorld({ scenario: 'demo', seed: SEED, now: NOW });
  const store = await openTableStore({
    file: path.join(dir, file),
    seed: { scenario: 'demo', seed: SEED, now: NOW, hasher: fastHasher },
  });
  const loaded = store.load();
  if (!loaded || !('state' in loaded)) throw new Error('not seeded');
  return { world, store, sqlWorld: loaded.state.world };
}

describe('the ledger port', () => {
  let world: World;
  let store: TableStore;
  let sqlWorld: World;
  beforeAll(async () => {
    ({ world, store, sqlWorld } = await bothWorlds('port.db'));
  });
  afterAll(() => store.close());

  it('gives the same page, totals and rows by id for any filter and cursor', async () => {
    const memory = memoryLedger(() => world);
    const sql = store.ledger(() => sqlWorld);
    const list = world.transactions;
    const merchants = world.merchants.map((m) => m.id);
    const digits = fc.stringMatching(/^\d{1,12}$/);
    const amount = fc.integer({ min: 0, max: 60 }).map((i) => list[i * 5]!.amount);
    const instant = fc.integer({ min: 0, max: 60 }).map((i) => list[i * 5]!.createdAt);
    const constraints = fc.record({
      merchantIds: fc.subarray(merchants),
      tid: fc.constantFrom(...world.terminals.slice(0, 6).map((t) => t.tid)),
      type: fc.constantFrom('sale' as const, 'void' as const),
      outcome: fc.constantFrom('approved' as const, 'declined' as const),
      method: fc.constantFrom('card_chip' as const, 'wechat_qr' as const, 'card_contactless' as const),
      // Often an instant of a sale: the bounds are where `>=` and `<` differ.
      from: fc.oneof(fc.integer({ min: NOW - 20 * 86_400_000, max: NOW }), instant),
      to: fc.oneof(fc.integer({ min: NOW - 10 * 86_400_000, max: NOW + 1 }), instant),
      minAmount: fc.oneof(fc.integer({ min: 0, max: 50_000 }), amount),
      maxAmount: fc.oneof(fc.integer({ min: 0, max: 200_000 }), amount),
      mayBeVoidable: fc.boolean(),
      search: fc.record({
        trace: fc.oneof(fc.constant(null), fc.constantFrom(...list.slice(0, 50).map((tx) => tx.traceNo))),
        tracePart: fc.oneof(fc.constant(null), fc.stringMatching(/^\d{3,5}$/)),
        rrnTail: fc.oneof(
          fc.constant(null),
          digits.filter((d) => d.length >= 6),
        ),
        last4: fc.oneof(fc.constant(null), fc.stringMatching(/^\d{4}$/)),
        amount: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 100_000 })),
      }),
    });
    // A few constraints at a time, so a row at a boundary is not filtered away by the others.
    const filter = fc
      .tuple(constraints, fc.subarray(Object.keys(FILTER_KEYS), { maxLength: 3 }))
      .map(([all, keys]): LedgerFilter => {
        const picked: Record<string, unknown> = { merchantIds: null };
        for (const key of keys) picked[key] = all[key as keyof typeof all];
        return picked as unknown as LedgerFilter;
      });
    const cursor: fc.Arbitrary<LedgerKey | null> = fc.oneof(
      fc.constant(null),
      fc.integer({ min: 0, max: list.length - 1 }).map((i) => [list[i]!.createdAt, list[i]!.id] as const),
    );
    await fc.assert(
      fc.asyncProperty(
        filter,
        cursor,
        fc.integer({ min: 1, max: 40 }),
        // A midnight of the last 20 days, or any instant (a sale's: a day's first millisecond).
        fc.oneof(
          fc.integer({ min: 0, max: 20 }).map((k) => shanghaiMidnight(NOW) - k * DAY),
          instant,
        ),
        async (f, after, limit, firstDay) => {
          expect(ids(await sql.page(f, after, limit))).toEqual(ids(await memory.page(f, after, limit)));
          expect(await sql.totals(f)).toEqual(await memory.totals(f));
          expect(await sql.totalsByDay(f, firstDay, 14)).toEqual(await memory.totalsByDay(f, firstDay, 14));
        },
      ),
      { numRuns: 300 },
    );
    const someIds = [list[0]!.id, list[7]!.id, 'tx_nope', list.at(-1)!.id];
    expect(ids(await sql.byIds(someIds)).sort()).toEqual(ids(await memory.byIds(someIds)).sort());
  });
});

describe('sales voidable now, counted in SQL and by the rule', () => {
  let world: World;
  let store: TableStore;
  let sqlWorld: World;
  beforeAll(async () => {
    ({ world, store, sqlWorld } = await bothWorlds('voidable.db'));
    // Some terminals settle at other minutes (22:30, 00:30), in both.
    const settled = world.terminals.find((t) => t.manualSettlements.length > 0)!;
    const t1 = world.terminals.filter(
      (t) => world.merchantById.get(t.merchantId)?.payoutMode === 'T1' && t !== settled,
    );
    expect(t1.length).toBeGreaterThan(4);
    t1.slice(0, 4).forEach((t, i) => {
      t.cutoffMinute = i < 2 ? 1350 : 30;
      store.db.run(
        store.db.q.updateTable('terminals').set({ cutoff_minute: t.cutoffMinute }).where('tid', '=', t.tid),
      );
    });
    // Card sales exactly at, and just before, a terminal's manual settlement and its last cutoff, in both.
    const template = world.transactions.find(
      (tx) => tx.type === 'sale' && tx.outcome === 'approved' && !tx.voided && tx.method === 'card_chip',
    )!;
    const lastCutoff = nextCutoffAfter(NOW, settled.cutoffMinute) - DAY;
    const instants = [settled.manualSettlements[0]!, lastCutoff].flatMap((at) => [at - 1, at]);
    const sales = instants.map((at, i): TransactionRecord => ({
      ...template,
      index: 1_000_000 + i,
      id: `tx_edge_${i}`,
      terminal: settled,
      traceNo: String(990_000 + i),
      rrn: `99000000000${i}`,
      createdAt: at,
    }));
    world.transactions.push(...sales);
    world.transactions.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
    insertRows(store.db, 'transactions', sales.map(transactionRow));
  });
  afterAll(() => store.close());

  it('agrees at every cutoff and manual settlement, before, at and after it, for any merchants', async () => {
    const memory = memoryLedger(() => world);
    const sql = store.ledger(() => sqlWorld);
    const minutes = [...new Set(world.terminals.map((t) => t.cutoffMinute))];
    const settlements = world.terminals.flatMap((t) => t.manualSettlements);
    expect(settlements.length).toBeGreaterThan(0);
    expect(world.merchants.some((m) => m.payoutMode === 'D0')).toBe(true);
    expect(minutes.length).toBe(3);
    // Where `<` and `<=` differ: each cutoff of the last two days, each settlement (one still to come
    // before it happens), and the instant of a sale.
    const edges = [
      ...minutes.flatMap((m) => [1, 2].map((days) => nextCutoffAfter(NOW - days * DAY, m))),
      ...settlements,
      ...world.transactions.slice(0, 40).map((tx) => tx.createdAt),
    ].flatMap((at) => [at - 1, at, at + 1]);
    const merchants = world.merchants.map((m) => m.id);
    const seen = new Set<number>();
    for (const at of edges) {
      for (const merchantIds of [null, ...merchants.map((m) => [m])]) {
        const expected = await memory.voidableNow(merchantIds, at);
        seen.add(expected.count);
        expect(await sql.voidableNow(merchantIds, at), JSON.stringify({ at, merchantIds })).toEqual(expected);
      }
    }
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...edges), fc.integer({ min: NOW - 2 * DAY, max: NOW + DAY })),
        fc.oneof(fc.constant(null), fc.subarray(merchants)),
        async (at, merchantIds) => {
          const expected = await memory.voidableNow(merchantIds, at);
          seen.add(expected.count);
          expect(await sql.voidableNow(merchantIds, at), JSON.stringify({ at, merchantIds })).toEqual(
            expected,
          );
        },
      ),
      { numRuns: 400 },
    );
    // Not a run of zeros: many different answers were compared.
    expect(seen.size).toBeGreaterThan(5);
  });
});

describe('how SQLite runs a page', () => {
  let store: TableStore;
  beforeAll(async () => {
    store = await openTableStore({
      file: path.join(dir, 'plans.db'),
      seed: { scenario: 'demo', seed: SEED, now: NOW, hasher: fastHasher },
    });
  });
  afterAll(() => store.close());

  const planOf = (filter: LedgerFilter) =>
    queryPlan(store.db, pageQuery(store.db, filter, [NOW, 'tx_00010'], 50));
  const search = (part: Partial<LedgerSearch>): LedgerSearch => ({
    trace: null,
    tracePart: null,
    rrnTail: null,
    last4: null,
    amount: null,
    ...part,
  });

  it.each<[string, LedgerFilter, RegExp]>([
    [
      'one merchant',
      { merchantIds: [MERCHANT_A] },
      /SEARCH transactions USING INDEX transactions_by_merchant/,
    ],
    ['one terminal', { merchantIds: null, tid: DEMO_TIDS.custom }, /USING INDEX transactions_by_terminal/],
    ['all merchants', { merchantIds: null }, /USING INDEX transactions_by_time/],
    [
      "a merchant's voids",
      { merchantIds: [MERCHANT_A], type: 'void' },
      /SEARCH transactions USING INDEX transactions_by_merchant_type/,
    ],
    [
      'all voids',
      { merchantIds: null, type: 'void' },
      /SEARCH transactions USING INDEX transactions_by_type/,
    ],
  ])('pages %s along an index, in its order', (_, filter, index) => {
    const plan = planOf(filter);
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it.each<[string, LedgerSearch]>([
    [
      'a whole trace number (also an RRN tail and an amount)',
      search({ trace: '009001', rrnTail: '009001', amount: 900100 }),
    ],
    [
      'part of a trace number, a last 4, an amount',
      search({ tracePart: '9001', last4: '9001', amount: 900100 }),
    ],
    ['3 digits of a trace number', search({ tracePart: '900' })],
  ])('searches all merchants for %s by seeks, never a scan', (_, terms) => {
    const plan = planOf({ merchantIds: null, search: terms });
    expect(plan).toMatch(/MULTI-INDEX OR/);
    expect(plan).not.toMatch(/^SCAN transactions$/m);
  });
  it('searches all merchants for a whole RRN by its tail alone: read as yuan it is beyond any amount', () => {
    const plan = planOf({
      merchantIds: null,
      search: search({ rrnTail: '123456789012', amount: 12345678901200 }),
    });
    expect(plan).toMatch(/^SEARCH transactions USING INDEX transactions_by_rrn_tail/m);
    expect(plan).not.toMatch(/^SCAN transactions$/m);
  });
  it("counts support's sales voidable now from the partial index of such sales, not from the rows", () => {
    for (const several of [false, true]) {
      const plan = queryPlan(
        store.db,
        voidableQuery(store.db, { merchantIds: null, now: NOW, minute: 1380, most: 1380, several }),
      );
      expect(plan).toMatch(/SEARCH x USING COVERING INDEX transactions_voidable /);
      expect(plan).not.toMatch(/SCAN x/);
    }
  });
});
