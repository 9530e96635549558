// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acquirer } from '@acquirer/acquirer';
import { createSimClock } from '@acquirer/clock';
import { DEMO_TIDS, MERCHANT_A, MERCHANT_B } from '@acquirer/data/demo-fixtures';
import { HEARTBEAT_MS } from '@acquirer/data/generate';
import {
  eachFleetPage,
  type Fleet,
  type FleetAlertFacts,
  type FleetFilter,
  fleetKeyOf,
  type FleetSort,
  type FleetSortKey,
  memoryFleet,
} from '@acquirer/fleet';
import { fastHasher } from '@acquirer/hash';
import { OFFLINE_ALERT_MS, STALE_PASSWORD_MS } from '@acquirer/rules/alerts';
import { nextHeartbeat } from '@acquirer/rules/heartbeat';
import { type SimState, touchTerminal } from '@acquirer/state';
import { signedIn, TEST_NOW } from '@acquirer/testing/harness';
import type { Scenario, TerminalRecord } from '@acquirer/types';
import { memoryAndSqlAcquirers, queryPlan } from './parity-testing';
import { fleetPageQuery, lastSeenQueries } from './sql-fleet';
import { openTableStore, type TableStore } from './table-store';

// The server lists terminals from SQL, the mock from memory (decision 018): the same filter must give the
// same terminals in the same order, with the same counts and facets, and the API the same answers.

const NOW = Date.parse(TEST_NOW);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const SEED = 'fleet-parity';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'acquirer-fleet-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tids = (rows: readonly TerminalRecord[]) => rows.map((t) => t.tid);
const SORT_KEYS: FleetSortKey[] = ['tid', 'storeName', 'model', 'lastSeenAt', 'passwordChangedAt'];

/** One state loaded from the tables, read through both ports. */
async function bothFleets(scenario: Scenario): Promise<{
  store: TableStore;
  state: SimState;
  memory: Fleet;
  sql: Fleet;
}> {
  const store = await openTableStore({
    file: path.join(dir, `port-${scenario}.db`),
    seed: { scenario, seed: SEED, now: NOW, hasher: fastHasher },
  });
  const loaded = store.load();
  if (!loaded || !('state' in loaded)) throw new Error('not seeded');
  const state = loaded.state;
  return { store, state, memory: memoryFleet(() => state), sql: store.fleet(() => state.world) };
}

/** Every state a PIN can be in, among the first terminals, written to the tables as a request would. */
function varyTerminals(store: TableStore, state: SimState): void {
  state.world.terminals.slice(0, 40).forEach((t, i) => {
    const vp = t.voidPassword;
    switch (i % 5) {
      case 0:
        vp.hash = `h${i}`;
        vp.temporary = true;
        vp.changedAt = NOW - i * MINUTE;
        break;
      case 1:
        vp.lockedAt = NOW - MINUTE;
        vp.lockedUntil = NOW + i * MINUTE;
        break;
      case 2:
        vp.hash = `h${i}`;
        vp.temporary = false;
        vp.changedAt = NOW - STALE_PASSWORD_MS - (i - 20) * MINUTE;
        break;
      case 3:
        t.online = !t.online;
        // About a day ago: some offline long enough for an alert, some not yet.
        t.lastSeenAt = NOW - OFFLINE_ALERT_MS + (i - 20) * 7 * MINUTE;
        break;
      default:
        vp.changedAt = NOW - 3 * MINUTE;
    }
    touchTerminal(state, t);
  });
  // Online terminals seen after their last heartbeat (a sale, a PIN applied), one of them ahead of the
  // clock, and heartbeats at the same phase: where the last-seen order has ties and its groups meet.
  state.world.terminals
    .filter((_, i) => i % 5 === 4)
    .forEach((t, i) => {
      t.online = true;
      t.lastSeenAt = NOW - i * 2 * SECOND + (i === 0 ? 5 * SECOND : 0);
      if (i % 3 === 0) t.heartbeatPhase = 1_234;
      touchTerminal(state, t);
    });
  store.saveChanges(state, createSimClock({ realNow: () => NOW }), { durable: true });
}

/** Alert facts come in any order. */
function inOrder(facts: FleetAlertFacts): FleetAlertFacts {
  const by =
    <T>(key: (x: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return {
    locked: [...facts.locked].sort(by((x) => x.tid)),
    offline: [...facts.offline].sort(by((x) => x.tid)),
    merchants: [...facts.merchants].sort(by((x) => x.merchantId)),
  };
}

describe.each(['demo', 'hostile'] as const)('the SQL fleet answers as the memory one (%s)', (scenario) => {
  let store: TableStore;
  let state: SimState;
  let memory: Fleet;
  let sql: Fleet;
  beforeAll(async () => {
    ({ store, state, memory, sql } = await bothFleets(scenario));
    varyTerminals(store, state);
  });
  afterAll(() => store.close());

  it('gives the same pages, counts and facets for any filter, sort, cursor and instant', async () => {
    const { world } = state;
    const terminals = world.terminals;
    const merchants = world.merchants.map((m) => m.id);
    const pick = <T>(list: readonly T[]) => fc.constantFrom(...list);
    // Instants where a lock ends or a PIN turns stale: where `<` and `<=` differ.
    const instants = terminals.flatMap((t) => [
      ...(t.voidPassword.lockedUntil === null ? [] : [t.voidPassword.lockedUntil]),
      ...(t.voidPassword.changedAt === null ? [] : [t.voidPassword.changedAt + STALE_PASSWORD_MS]),
      ...(t.online ? [] : [t.lastSeenAt + OFFLINE_ALERT_MS, t.lastSeenAt + OFFLINE_ALERT_MS + 1]),
    ]);
    const texts = terminals
      .slice(0, 30)
      .flatMap((t) => [
        t.tid.slice(2, 6),
        t.sn.slice(0, 3).toLowerCase(),
        t.sn.slice(-5, -1).toLowerCase(),
        (world.storeById.get(t.storeId)?.name ?? '').slice(0, 2).toLowerCase(),
      ]);
    const parts = {
      merchantIds: fc.subarray(merchants),
      status: pick(['online', 'offline'] as const),
      passwordState: pick(['default', 'custom', 'temporary', 'locked'] as const),
      storeId: pick(terminals.slice(0, 50).map((t) => t.storeId)),
      model: pick([...new Set(terminals.map((t) => t.model))]),
      stalePassword: fc.constant(true),
      openCommand: fc.constant(true),
      outdatedFirmware: fc.constant(true),
      text: fc.oneof(pick(texts.filter((x) => x.length > 0)), fc.constantFrom('%', '_', 'a', '1')),
    };
    const constraints = fc.record(parts);
    const filter = fc
      .tuple(constraints, fc.subarray(Object.keys(parts), { minLength: 1, maxLength: 3 }))
      .map(([all, keys]): FleetFilter => {
        const picked: Record<string, unknown> = { merchantIds: null };
        for (const key of keys) picked[key] = all[key as keyof typeof all];
        return picked as unknown as FleetFilter;
      });
    const now = fc.oneof(
      fc.constant(NOW),
      pick(instants),
      fc.integer({ min: NOW, max: NOW + 60 * MINUTE }),
      // Within a heartbeat interval or two, while some are seen after their heartbeat.
      fc.integer({ min: NOW - 5 * SECOND, max: NOW + 70 * SECOND }),
    );
    await fc.assert(
      fc.asyncProperty(
        filter,
        pick(SORT_KEYS),
        pick([1, -1] as const),
        fc.integer({ min: 1, max: 60 }),
        now,
        async (f, key, direction, limit, at) => {
          // A walk of up to 4 pages, each after the last row of the one before.
          let sort: FleetSort = { key, direction, after: null };
          for (let page = 0; page < 4; page++) {
            const expected = await memory.page(f, sort, limit, at);
            expect(tids(await sql.page(f, sort, limit, at)), JSON.stringify({ f, sort, limit, at })).toEqual(
              tids(expected),
            );
            const last = expected.at(-1);
            if (!last || expected.length < limit) break;
            sort = { ...sort, after: fleetKeyOf(world, key, at)(last) };
          }
          expect(await sql.counts(f, at)).toEqual(await memory.counts(f, at));
          expect(await sql.risks(f, at)).toEqual(await memory.risks(f, at));
          const ids = f.merchantIds ?? merchants;
          const sizes = async (fleet: Fleet) => [...(await fleet.merchantSizes(ids))].sort();
          expect(await sizes(sql)).toEqual(await sizes(memory));
          const scope = { merchantIds: f.merchantIds };
          expect(inOrder(await sql.alertFacts(scope, at))).toEqual(
            inOrder(await memory.alertFacts(scope, at)),
          );
        },
      ),
      { numRuns: 250 },
    );
    const sorted = <T>(list: T[]) =>
      [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    for (const merchantIds of [null, [], merchants.slice(0, 1), merchants.slice(1, 3)]) {
      const [x, y] = await Promise.all([memory.facets({ merchantIds }), sql.facets({ merchantIds })]);
      expect(sorted(y.stores)).toEqual(sorted(x.stores));
      expect(sorted(y.models)).toEqual(sorted(x.models));
    }
  });

  it('walks last seen in the same order at a heartbeat and at the edge of its interval', async () => {
    // A terminal seen a whole interval ago changes group (sql-fleet.ts `lastSeenQueries`): just before, and at.
    const edges = state.world.terminals
      .filter((t) => t.online)
      .flatMap((t) => [t.lastSeenAt + HEARTBEAT_MS - 1, t.lastSeenAt + HEARTBEAT_MS])
      .filter((at) => at > NOW - 5 * SECOND && at < NOW + 70 * SECOND);
    // At a heartbeat, the phase of the instant is the terminal's: where the two ranges of phases meet.
    const beats = state.world.terminals
      .filter((t) => t.online)
      .slice(0, 8)
      .flatMap((t) => [nextHeartbeat(t, NOW) - 1, nextHeartbeat(t, NOW)]);
    expect(edges.length).toBeGreaterThan(6);
    for (const at of [NOW, ...edges, ...beats]) {
      for (const direction of [1, -1] as const) {
        for (const filter of [{ merchantIds: null }, { merchantIds: null, status: 'online' as const }]) {
          const walk = async (fleet: Fleet) => {
            const all: string[] = [];
            const sort = { key: 'lastSeenAt' as const, direction };
            for await (const rows of eachFleetPage(fleet, () => state.world, filter, sort, at, 7)) {
              all.push(...tids(rows));
            }
            return all;
          };
          const expected = await walk(memory);
          expect(await walk(sql), JSON.stringify({ at, direction, filter })).toEqual(expected);
          expect(expected.length).toBe(
            state.world.terminals.filter((t) => filter.status === undefined || t.online).length,
          );
        }
      }
    }
  });

  it('places a cursor of a store name no row has where the memory fleet does', async () => {
    const names = state.world.stores.map((s) => s.name);
    for (const name of [' ', names[0]!, `${names[0]!}0`, `${names.at(-1)!}~`, '门店', 'zzzz']) {
      for (const direction of [1, -1] as const) {
        const sort: FleetSort = { key: 'storeName', direction, after: [name, '58100104'] };
        expect(tids(await sql.page({ merchantIds: null }, sort, 20, NOW))).toEqual(
          tids(await memory.page({ merchantIds: null }, sort, 20, NOW)),
        );
      }
    }
  });
});

describe('the fleet list through the API, memory and SQL', () => {
  let memoryAcquirer: Acquirer;
  let sqlAcquirer: Acquirer;
  let store: TableStore;
  beforeAll(async () => {
    ({
      memory: memoryAcquirer,
      sql: sqlAcquirer,
      store,
    } = await memoryAndSqlAcquirers({ dir, file: 'api.db', scenario: 'demo', seed: SEED, now: NOW }));
  });
  afterAll(() => store.close());

  it.each(['owner', 'owner2', 'cashier', 'support'])('answers %s the same lists and facets', async (user) => {
    const [a, b] = await Promise.all([signedIn(memoryAcquirer, user), signedIn(sqlAcquirer, user)]);
    const calls: Record<string, string>[] = [
      {},
      { sort: '-tid', limit: '7' },
      { sort: 'storeName' },
      { sort: '-model' },
      { sort: 'lastSeenAt' },
      { sort: 'passwordChangedAt' },
      { passwordState: 'default' },
      { passwordState: 'locked' },
      { passwordAge: 'stale' },
      { command: 'open' },
      { status: 'offline' },
      { q: '5810010' },
      { q: 'XYZ' },
      { merchantId: MERCHANT_A, sort: '-lastSeenAt' },
      { merchantId: MERCHANT_B },
    ];
    let rows = 0;
    for (const query of calls) {
      const [x, y] = await Promise.all([a.get('/terminals', query), b.get('/terminals', query)]);
      expect(y.status, `${user} ${JSON.stringify(query)}`).toBe(x.status);
      expect(y.body, `${user} ${JSON.stringify(query)}`).toEqual(x.body);
      rows += (x.body as { items?: unknown[] }).items?.length ?? 0;
    }
    expect(rows).toBeGreaterThan(20);
    for (const query of [{}, { merchantId: MERCHANT_A }] as Record<string, string>[]) {
      const [x, y] = await Promise.all([
        a.get('/terminals/facets', query),
        b.get('/terminals/facets', query),
      ]);
      expect(y.body).toEqual(x.body);
    }
    // Support's merchant look-up: the list with each merchant's stores and terminals, and one merchant.
    for (const [path, query] of [
      ['/merchants', {}],
      ['/merchants', { q: '8223' }],
      [`/merchants/${MERCHANT_A}`, {}],
      [`/merchants/${MERCHANT_B}`, {}],
      ['/merchants/nope', {}],
    ] as [string, Record<string, string>][]) {
      const [x, y] = await Promise.all([a.get(path, query), b.get(path, query)]);
      expect(y.status, `${user} ${path}`).toBe(x.status);
      expect(y.body, `${user} ${path}`).toEqual(x.body);
    }
    for (const query of [
      { sort: '-storeName', lang: 'en' },
      { passwordState: 'default', sort: 'lastSeenAt' },
    ] as Record<string, string>[]) {
      const [x, y] = await Promise.all([
        a.get('/terminals/export', query),
        b.get('/terminals/export', query),
      ]);
      expect(y.status).toBe(x.status);
      expect(y.body).toEqual(x.body);
    }
    const [x, y] = await Promise.all([a.get('/overview'), b.get('/overview')]);
    expect(y.body).toEqual(x.body);
  });

  it('walks the same pages by cursor in every sort', async () => {
    const [a, b] = await Promise.all([signedIn(memoryAcquirer, 'support'), signedIn(sqlAcquirer, 'support')]);
    for (const sort of [
      'tid',
      '-storeName',
      'model',
      '-lastSeenAt',
      'passwordChangedAt',
      '-passwordChangedAt',
    ]) {
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: Record<string, string> = { sort, limit: '5', ...(cursor && { cursor }) };
        const [x, y] = await Promise.all([a.get('/terminals', query), b.get('/terminals', query)]);
        expect(y.body, `${sort} page ${pages}`).toEqual(x.body);
        cursor = (x.body as { nextCursor: string | null }).nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(pages, sort).toBeGreaterThan(2);
    }
  });

  it('lists a terminal as locked after five wrong PINs, on both', async () => {
    // The locked terminal of the demo unlocks 20 minutes after generation: the state comes from the clock.
    for (const acquirer of [memoryAcquirer, sqlAcquirer]) {
      const client = await signedIn(acquirer, 'owner');
      const page = await client.get('/terminals', { passwordState: 'locked' });
      expect((page.body as { items: { tid: string }[] }).items.map((t) => t.tid)).toContain(DEMO_TIDS.locked);
    }
  });
});

describe('how SQLite runs a fleet page', () => {
  let store: TableStore;
  beforeAll(async () => {
    store = await openTableStore({
      file: path.join(dir, 'plans.db'),
      seed: { scenario: 'demo', seed: SEED, now: NOW, hasher: fastHasher },
    });
  });
  afterAll(() => store.close());

  const planOf = async (filter: FleetFilter, sort: FleetSort) =>
    queryPlan(store.db, await fleetPageQuery(store.db, filter, sort, 51, NOW));

  it.each<[string, FleetFilter, FleetSortKey, RegExp]>([
    [
      'all by tid',
      { merchantIds: null },
      'tid',
      /terminals USING (COVERING )?INDEX sqlite_autoindex_terminals_1/,
    ],
    ['all by store', { merchantIds: null }, 'storeName', /USING (COVERING )?INDEX terminals_by_store_rank/],
    ['all by model', { merchantIds: null }, 'model', /USING (COVERING )?INDEX terminals_by_model_rank/],
    [
      'all by PIN age',
      { merchantIds: null },
      'passwordChangedAt',
      /USING (COVERING )?INDEX terminals_by_password_changed_at/,
    ],
    [
      'one merchant by tid',
      { merchantIds: [MERCHANT_A] },
      'tid',
      /USING (COVERING )?INDEX terminals_by_merchant /,
    ],
    ['one merchant by store', { merchantIds: [MERCHANT_A] }, 'storeName', /terminals_by_merchant_store_rank/],
    ['one merchant by model', { merchantIds: [MERCHANT_A] }, 'model', /terminals_by_merchant_model_rank/],
  ])('pages %s along an index, in its order, both ways', async (_, filter, key, index) => {
    for (const direction of [1, -1] as const) {
      for (const after of [null, key === 'passwordChangedAt' ? [NOW, '58100104'] : ['x', '58100104']]) {
        const plan = await planOf(filter, {
          key,
          direction,
          after: key === 'tid' && after ? ['58100104', '58100104'] : after,
        });
        expect(plan).toMatch(index);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
    }
  });
  it.each<[string, FleetFilter, RegExp, RegExp]>([
    ['all', { merchantIds: null }, /INDEX terminals_by_online_last_seen /, /INDEX terminals_by_heartbeat /],
    [
      'one merchant',
      { merchantIds: [MERCHANT_A] },
      /INDEX terminals_by_merchant_online_last_seen /,
      /INDEX terminals_by_merchant_heartbeat /,
    ],
  ])('reads last seen of %s in groups, each a seek on an index', (_, filter, bySeen, byPhase) => {
    for (const direction of [1, -1] as const) {
      for (const after of [null, [NOW - 10_000, '58100104']]) {
        const [offline, recent, ...beats] = lastSeenQueries(
          store.db,
          filter,
          { key: 'lastSeenAt', direction, after },
          51,
          NOW,
        ).map((query) => queryPlan(store.db, query));
        // Offline terminals in the index's order; the few seen within the interval sorted.
        expect(offline).toMatch(bySeen);
        expect(offline).not.toMatch(/TEMP B-TREE/);
        expect(recent).toMatch(bySeen);
        expect(beats).toHaveLength(2);
        for (const plan of beats) {
          expect(plan).toMatch(byPhase);
          // Only terminals of the same phase are put in tid order.
          expect(plan).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
        }
      }
    }
  });
});
