// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditFilter, memoryAuditTrail } from '@acquirer/audit-trail';
import { shanghaiMidnight, DAY } from '@acquirer/clock';
import { DEMO_TIDS, MERCHANT_A, MERCHANT_B } from '@acquirer/data/demo-fixtures';
import { generateWorld } from '@acquirer/data/generate';
import { eachFleetPage, type Fleet, type FleetFilter, type FleetSortKey, memoryFleet } from '@acquirer/fleet';
import { fastHasher } from '@acquirer/hash';
import { type LedgerFilter, memoryLedger, type SalesLedger } from '@acquirer/ledger';
import { STALE_PASSWORD_MS } from '@acquirer/rules/alerts';
import { createState, type SimState } from '@acquirer/state';
import { TEST_NOW } from '@acquirer/testing/harness';
import type { World } from '@acquirer/types';
import { searchOf } from '@acquirer/views/transactions';
import { migrate } from './database';
import { openPostgres } from './postgres';
import { postgresReader } from './reader';
import type { Database } from './schema';
import { sqlAuditTrail } from './sql-audit';
import { sqlFleet } from './sql-fleet';
import { sqlLedger } from './sql-ledger';
import { openTableStore, TABLES_IN_ORDER, type TableStore } from './table-store';
import { throwawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';

// The read ports on PostgreSQL (issue 15): the same Kysely queries as on SQLite, with the dialect's few
// spots (server/db/dialect.ts), must answer as the rules in memory do. The demo is seeded into SQLite,
// copied row by row into a migrated PostgreSQL, and both sides are asked the same questions.

const NOW = Date.parse(TEST_NOW);
const SEED = 'postgres-ports';
let pg: ThrowawayPostgres;
let dir: string;
let store: TableStore;
let q: Kysely<Database>;
let state: SimState;
let world: World;

beforeAll(async () => {
  pg = throwawayPostgres();
  dir = mkdtempSync(path.join(tmpdir(), 'acquirer-pg-ports-'));
  store = await openTableStore({
    file: path.join(dir, 'demo.db'),
    seed: { scenario: 'demo', seed: SEED, now: NOW, hasher: fastHasher },
  });
  const loaded = store.load();
  if (!loaded || !('state' in loaded)) throw new Error('not seeded');
  state = loaded.state;
  world = generateWorld({ scenario: 'demo', seed: SEED, now: NOW });
  q = await openPostgres(await pg.database('ports'));
  await migrate(q);
  // Parents first; the rows as SQLite holds them (instants, 0/1 flags, keys and ranks).
  for (const table of TABLES_IN_ORDER) {
    const rows = store.db.all(store.db.q.selectFrom(table).selectAll()) as Record<string, unknown>[];
    for (let i = 0; i < rows.length; i += 500) {
      await q
        .insertInto(table)
        .values(rows.slice(i, i + 500) as never)
        .execute();
    }
  }
}, 300_000);
afterAll(async () => {
  await q?.destroy();
  store?.close();
  pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const tids = (rows: readonly { tid: string }[]) => rows.map((t) => t.tid);

describe('the fleet on PostgreSQL', () => {
  let memory: Fleet;
  let onPostgres: Fleet;
  beforeAll(() => {
    memory = memoryFleet(() => state);
    onPostgres = sqlFleet(postgresReader(q), () => state.world);
  });

  it('walks every sort both ways, with the counts, risks, alerts and sizes of the rules', async () => {
    const merchants = state.world.merchants.map((m) => m.id);
    const terminals = state.world.terminals;
    const filters: FleetFilter[] = [
      { merchantIds: null },
      { merchantIds: [MERCHANT_A] },
      { merchantIds: [MERCHANT_A, MERCHANT_B], status: 'online' },
      { merchantIds: null, status: 'offline' },
      { merchantIds: null, passwordState: 'default' },
      { merchantIds: null, passwordState: 'custom' },
      { merchantIds: null, passwordState: 'locked' },
      { merchantIds: null, stalePassword: true },
      { merchantIds: null, openCommand: true },
      { merchantIds: null, text: terminals[3]!.tid.slice(2, 6) },
      { merchantIds: null, text: terminals[5]!.sn.slice(-4).toLowerCase() },
      { merchantIds: null, text: '%' },
      { merchantIds: null, model: terminals[0]!.model },
      { merchantIds: null, storeId: terminals[0]!.storeId },
    ];
    const keys: FleetSortKey[] = ['tid', 'storeName', 'model', 'lastSeenAt', 'passwordChangedAt'];
    // Now, a lock's end, a PIN turning stale: where the clock decides.
    const locked = terminals.find((t) => t.voidPassword.lockedUntil !== null)!;
    const changed = terminals.find((t) => t.voidPassword.changedAt !== null)!;
    const instants = [
      NOW,
      locked.voidPassword.lockedUntil!,
      changed.voidPassword.changedAt! + STALE_PASSWORD_MS,
    ];
    let walked = 0;
    for (const filter of filters) {
      for (const at of instants) {
        for (const key of keys) {
          for (const direction of [1, -1] as const) {
            const walk = async (fleet: Fleet) => {
              const all: string[] = [];
              for await (const rows of eachFleetPage(
                fleet,
                () => state.world,
                filter,
                { key, direction },
                at,
                7,
              ))
                all.push(...tids(rows));
              return all;
            };
            const expected = await walk(memory);
            walked += expected.length;
            expect(await walk(onPostgres), JSON.stringify({ filter, key, direction, at })).toEqual(expected);
          }
        }
        expect(await onPostgres.counts(filter, at)).toEqual(await memory.counts(filter, at));
        expect(await onPostgres.risks(filter, at)).toEqual(await memory.risks(filter, at));
      }
    }
    expect(walked).toBeGreaterThan(1_000);
    const sorted = <T>(list: T[]) =>
      [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    for (const merchantIds of [null, [MERCHANT_A], merchants.slice(1, 3)]) {
      const [x, y] = await Promise.all([
        memory.alertFacts({ merchantIds }, NOW),
        onPostgres.alertFacts({ merchantIds }, NOW),
      ]);
      expect(sorted(y.locked)).toEqual(sorted(x.locked));
      expect(sorted(y.offline)).toEqual(sorted(x.offline));
      expect(sorted(y.merchants)).toEqual(sorted(x.merchants));
      const [f, g] = await Promise.all([memory.facets({ merchantIds }), onPostgres.facets({ merchantIds })]);
      expect(sorted(g.stores)).toEqual(sorted(f.stores));
      expect(sorted(g.models)).toEqual(sorted(f.models));
    }
    expect([...(await onPostgres.merchantSizes(merchants))].sort()).toEqual(
      [...(await memory.merchantSizes(merchants))].sort(),
    );
  });
});

describe('the ledger on PostgreSQL', () => {
  let memory: SalesLedger;
  let onPostgres: SalesLedger;
  beforeAll(() => {
    memory = memoryLedger(() => world);
    onPostgres = sqlLedger(postgresReader(q), () => state.world);
  });

  it('gives the same pages, totals, days and voidable sales for any filter', async () => {
    const list = world.transactions;
    const instant = fc.integer({ min: 0, max: 60 }).map((i) => list[i * 5]!.createdAt);
    const constraints = fc.record({
      merchantIds: fc.subarray(world.merchants.map((m) => m.id)),
      tid: fc.constantFrom(DEMO_TIDS.custom, DEMO_TIDS.locked, list[0]!.terminal.tid),
      type: fc.constantFrom('sale' as const, 'void' as const),
      outcome: fc.constantFrom('approved' as const, 'declined' as const),
      from: fc.oneof(fc.integer({ min: NOW - 20 * DAY, max: NOW }), instant),
      to: fc.oneof(fc.integer({ min: NOW - 10 * DAY, max: NOW + 1 }), instant),
      mayBeVoidable: fc.boolean(),
      // Either parts of a search, or a search as `searchOf` reads what a person types: whole RRNs (12
      // digits, also read as an amount), amounts in yuan.
      search: fc.oneof(
        fc
          .constantFrom(
            ...list.slice(0, 20).flatMap((tx) => [tx.rrn, (tx.amount / 100).toFixed(2), tx.traceNo.slice(2)]),
            '99999999999.99',
          )
          .map((text) => searchOf(text)!),
        fc.record({
          trace: fc.oneof(fc.constant(null), fc.constantFrom(...list.slice(0, 30).map((tx) => tx.traceNo))),
          tracePart: fc.oneof(
            fc.constant(null),
            fc.constantFrom(...list.slice(0, 30).map((tx) => tx.traceNo.slice(1, 5))),
          ),
          // The RRN's tail: PostgreSQL's right(rrn, 6), SQLite's substr(rrn, -6).
          rrnTail: fc.oneof(
            fc.constant(null),
            fc.constantFrom(...list.slice(0, 30).map((tx) => tx.rrn.slice(-8))),
          ),
          last4: fc.oneof(fc.constant(null), fc.stringMatching(/^\d{4}$/)),
          amount: fc.constant(null),
        }),
      ),
    });
    const filter = fc
      .tuple(
        constraints,
        fc.subarray(['merchantIds', 'tid', 'type', 'outcome', 'from', 'to', 'mayBeVoidable', 'search'], {
          maxLength: 3,
        }),
      )
      .map(([all, keys]): LedgerFilter => {
        const picked: Record<string, unknown> = { merchantIds: null };
        for (const key of keys) picked[key] = all[key as keyof typeof all];
        return picked as unknown as LedgerFilter;
      });
    const firstDay = fc.integer({ min: 0, max: 20 }).map((k) => shanghaiMidnight(NOW) - k * DAY);
    await fc.assert(
      fc.asyncProperty(filter, fc.integer({ min: 1, max: 40 }), firstDay, async (f, limit, day) => {
        const ids = (rows: readonly { id: string }[]) => rows.map((tx) => tx.id);
        expect(ids(await onPostgres.page(f, null, limit))).toEqual(ids(await memory.page(f, null, limit)));
        expect(await onPostgres.totals(f)).toEqual(await memory.totals(f));
        expect(await onPostgres.totalsByDay(f, day, 14)).toEqual(await memory.totalsByDay(f, day, 14));
      }),
      { numRuns: 120 },
    );
    for (const at of [NOW, NOW - 3 * 3_600_000, NOW + 3_600_000]) {
      for (const merchantIds of [null, [MERCHANT_A], [MERCHANT_B]]) {
        expect(await onPostgres.voidableNow(merchantIds, at)).toEqual(
          await memory.voidableNow(merchantIds, at),
        );
      }
    }
  });
});

describe('the audit trail on PostgreSQL', () => {
  it('gives the same pages and counts, the searches compared by the keys the rows carry', async () => {
    const memory = memoryAuditTrail(
      () => createState(generateWorld({ scenario: 'demo', seed: SEED, now: NOW })).audit,
    );
    const onPostgres = sqlAuditTrail(postgresReader(q));
    const filters: AuditFilter[] = [
      { merchantIds: null },
      { merchantIds: [MERCHANT_A] },
      { merchantIds: null, actor: 'OWNER' },
      { merchantIds: null, actor: '%' },
      { merchantIds: null, tid: DEMO_TIDS.custom },
      { merchantIds: null, from: NOW - DAY, to: NOW },
    ];
    for (const filter of filters) {
      const seqs = (rows: readonly { seq: number }[]) => rows.map((r) => r.seq);
      expect(seqs(await onPostgres.page(filter, null, 50)), JSON.stringify(filter)).toEqual(
        seqs(await memory.page(filter, null, 50)),
      );
      expect(await onPostgres.count(filter)).toEqual(await memory.count(filter));
    }
  });
});
