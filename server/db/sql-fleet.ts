import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { CURRENT_FIRMWARE } from '@acquirer/data/firmware';
import { HEARTBEAT_MS } from '@acquirer/data/generate';
import {
  type Fleet,
  type FleetAlertFacts,
  type FleetCounts,
  type FleetFilter,
  type FleetRisks,
  type FleetSort,
  type MerchantSize,
  naturalOrder,
} from '@acquirer/fleet';
import type { KeyPart } from '@acquirer/paging';
import { OFFLINE_ALERT_MS, STALE_PASSWORD_MS } from '@acquirer/rules/alerts';
import type { TerminalRecord, World } from '@acquirer/types';
import type { VoidPasswordState } from '@contract/schemas/terminals';
import { contains, type Dialect } from './dialect';
import type { SqlReader } from './reader';
import type { Database } from './schema';
import { inMerchants } from './sql-scope';

type Eb = ExpressionBuilder<Database, 'terminals'>;

/**
 * The `terminals` table as the fleet lists read it (decision 018): each filter a WHERE, each page a keyset
 * seek on the sort's index (migrations 0001, 0006), the counts and facets one aggregate each. The rules'
 * `fleetMatcher` (acquirer/fleet.ts) is what this implements; server/db/sql-fleet.test.ts proves both give
 * the same answers. The terminals themselves are still the ones the server holds (`world`).
 */
export function sqlFleet(db: SqlReader, world: () => World): Fleet {
  const terminalOf = (tid: string): TerminalRecord => {
    const terminal = world().terminalByTid.get(tid);
    if (!terminal) throw new Error(`terminals: no terminal ${tid} in memory`);
    return terminal;
  };

  return {
    async page(filter, sort, limit, now) {
      if (limit <= 0 || selectsNothing(filter)) return [];
      const tids =
        sort.key === 'lastSeenAt'
          ? await lastSeenPage(db, filter, sort, limit, now)
          : (await db.read(await fleetPageQuery(db, filter, sort, limit, now))).map((r) => r.tid);
      return tids.map(terminalOf);
    },
    async counts(filter, now) {
      if (selectsNothing(filter)) return { total: 0, default: 0, locked: 0, offline: 0 };
      const count = counter(db, filter, now);
      // One count per figure, each a seek on its own index (migration 0007): summing CASEs over every row of
      // one scan cost 4 times a plain count. The states exclude one another, so a filter on one answers the
      // others.
      const total = await count(() => []);
      const state = filter.passwordState;
      const ofState = (s: VoidPasswordState) =>
        state === undefined
          ? count((eb) => [passwordStateIs(eb, s, now)])
          : Promise.resolve(state === s ? total : 0);
      const counts: FleetCounts = {
        total,
        default: await ofState('default'),
        locked: await ofState('locked'),
        offline:
          filter.status === undefined
            ? await count((eb) => [eb('online', '=', 0)])
            : filter.status === 'offline'
              ? total
              : 0,
      };
      return counts;
    },
    async risks(filter, now) {
      if (selectsNothing(filter)) return { openCommands: 0, stalePasswords: 0, outdatedFirmware: 0 };
      const count = counter(db, filter, now);
      // Each a seek: the open commands by their status index, stale PINs by their age.
      const risks: FleetRisks = {
        openCommands: await count((eb) => [eb('tid', 'in', openCommandTids(eb))]),
        stalePasswords: await count((eb) => stale(eb, now)),
        outdatedFirmware: await count((eb) => [outdatedFirmware(eb)]),
      };
      return risks;
    },
    async alertFacts(filter, now) {
      const facts: FleetAlertFacts = { locked: [], offline: [], merchants: [] };
      if (selectsNothing(filter)) return facts;
      // Each a seek: locks by their end, long-offline terminals by when they were last seen, the PIN states
      // by `password_set` (migrations 0007, 0008).
      const inView = (eb: Eb) => conditions(eb, { merchantIds: filter.merchantIds }, now, db.dialect);
      const terminals = db.q.selectFrom('terminals');
      facts.locked = (
        await db.read(
          terminals
            .select(['tid', 'merchant_id', 'locked_at', 'locked_until', 'failed_attempts'])
            .where((eb) => eb.and([...inView(eb), passwordStateIs(eb, 'locked', now)])),
        )
      ).map((r) => ({
        tid: r.tid,
        merchantId: r.merchant_id,
        lockedAt: r.locked_at,
        lockedUntil: r.locked_until!,
        failedAttempts: r.failed_attempts,
      }));
      facts.offline = (
        await db.read(
          terminals
            .select(['tid', 'merchant_id', 'last_seen_at'])
            .where((eb) =>
              eb.and([...inView(eb), eb('online', '=', 0), eb('last_seen_at', '<', now - OFFLINE_ALERT_MS)]),
            ),
        )
      ).map((r) => ({ tid: r.tid, merchantId: r.merchant_id, lastSeenAt: r.last_seen_at }));
      const merchants = new Map<string, FleetAlertFacts['merchants'][number]>();
      const entry = (merchantId: string) => {
        const found = merchants.get(merchantId) ?? { merchantId, defaults: 0, stale: 0, oldestChange: null };
        merchants.set(merchantId, found);
        return found;
      };
      const defaults = terminals
        .select((eb) => ['merchant_id', eb.fn.countAll<number>().as('n')])
        .where((eb) => eb.and([...inView(eb), passwordStateIs(eb, 'default', now)]))
        .groupBy('merchant_id');
      for (const r of await db.read(defaults)) entry(r.merchant_id).defaults = Number(r.n);
      const stalePins = terminals
        .select((eb) => [
          'merchant_id',
          eb.fn.countAll<number>().as('n'),
          eb.fn.min<number>('password_changed_at').as('oldest'),
        ])
        .where((eb) => eb.and([...inView(eb), ...stale(eb, now)]))
        .groupBy('merchant_id');
      for (const r of await db.read(stalePins)) {
        const found = entry(r.merchant_id);
        found.stale = Number(r.n);
        found.oldestChange = r.oldest;
      }
      facts.merchants = [...merchants.values()];
      return facts;
    },
    async merchantSizes(merchantIds) {
      const sizes = new Map(
        merchantIds.map((id): [string, MerchantSize] => [id, { stores: 0, terminals: 0 }]),
      );
      if (merchantIds.length === 0) return sizes;
      // Each a count per merchant on its index (stores by merchant, terminals by merchant).
      for (const table of ['stores', 'terminals'] as const) {
        const counted = await db.read(
          db.q
            .selectFrom(table)
            .select((eb) => ['merchant_id', eb.fn.countAll<number>().as('n')])
            .where(inMerchants(merchantIds))
            .groupBy('merchant_id'),
        );
        for (const r of counted) {
          const size = sizes.get(r.merchant_id);
          if (size) size[table] = Number(r.n);
        }
      }
      return sizes;
    },
    async facets(filter) {
      if (selectsNothing(filter)) return { stores: [], models: [] };
      const grouped = async (column: 'store_id' | 'model') =>
        (
          await db.read(
            db.q
              .selectFrom('terminals')
              .select((eb) => [eb.ref(column).as('value'), eb.fn.countAll<number>().as('count')])
              .where((eb) => eb.and(conditions(eb, { merchantIds: filter.merchantIds }, 0, db.dialect)))
              .groupBy(column),
          )
        ).map((r): [string, number] => [r.value, Number(r.count)]);
      const [stores, models] = await Promise.all([grouped('store_id'), grouped('model')]);
      return { stores, models };
    },
  };
}

/** One page: exported so a test can ask SQLite how it runs it (EXPLAIN QUERY PLAN). */
export async function fleetPageQuery(
  db: SqlReader,
  filter: FleetFilter,
  sort: FleetSort,
  limit: number,
  now: number,
) {
  const value = sortValue(sort, now);
  const order = sort.direction === 1 ? 'asc' : 'desc';
  const after = sort.after ? await afterKey(db, sort, sort.after, now) : [];
  const query = db.q
    .selectFrom('terminals')
    .select('tid')
    .where((eb) => eb.and([...conditions(eb, filter, now, db.dialect), ...after]))
    // A PIN never changed (null) is the oldest of all: first ascending, last descending — SQLite's default,
    // said for PostgreSQL, whose default is the other way round.
    .orderBy(value, (ob) => (order === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast()));
  // The tid breaks ties, unless it is the sort.
  return (sort.key === 'tid' ? query : query.orderBy('tid', order)).limit(limit);
}

/**
 * A page in last-seen order (`lastSeenOf`, acquirer/rules/heartbeat.ts). An online terminal was last seen
 * at its latest heartbeat or at what it did after that: a value of the instant that no index holds, and
 * sorting 100,000 of them took 25 ms. So the terminals are read in three groups, each in its own order
 * along an index, at most `limit` rows from each, and merged:
 * - offline ones, seen at `last_seen_at`;
 * - online ones that did something within the last heartbeat interval: few, their value computed;
 * - the other online ones, seen at their latest heartbeat. Heartbeats come every `HEARTBEAT_MS` at each
 *   terminal's phase, so their order is the order of `heartbeat_phase` turned round at the phase of `now`:
 *   the phases up to it, then the ones after it — two ranges of the index.
 * The groups share no terminal and each is read in the page's order, so the merge is exact.
 */
export function lastSeenQueries(
  db: Pick<SqlReader, 'q' | 'dialect'>,
  filter: FleetFilter,
  sort: FleetSort,
  limit: number,
  now: number,
) {
  const order = sort.direction === 1 ? 'asc' : 'desc';
  const beyond = sql.raw(sort.direction === 1 ? '>' : '<');
  const cursor = sort.after ? { at: Number(sort.after[0]), tid: String(sort.after[1]) } : null;
  // A bigint: beside `heartbeat_phase` PostgreSQL would take the bound for an integer, and it can be far
  // beyond one (a cursor's instant less the interval's start).
  const after = (key: Expression<number>, at: number): Expression<SqlBool>[] => {
    if (!cursor) return [];
    const bound = sql<number>`cast(${at} as bigint)`;
    return [sql<SqlBool>`(${key} ${beyond} ${bound} or (${key} = ${bound} and tid ${beyond} ${cursor.tid}))`];
  };
  const seen = lastSeenAt(now);
  const group = (key: Expression<number>, only: (eb: Eb) => Expression<SqlBool>[], from: number) =>
    db.q
      .selectFrom('terminals')
      .select(['tid', seen.as('seen')])
      .where((eb) => eb.and([...conditions(eb, filter, now, db.dialect), ...only(eb), ...after(key, from)]))
      .orderBy(key, order)
      .orderBy('tid', order)
      .limit(limit);
  const lastSeen = sql<number>`last_seen_at`;
  const phase = sql<number>`heartbeat_phase`;
  const recent = now - HEARTBEAT_MS;
  // The latest heartbeat of phase p is at base + p, up to now's phase; after it, at base + p - HEARTBEAT_MS.
  const nowPhase = ((now % HEARTBEAT_MS) + HEARTBEAT_MS) % HEARTBEAT_MS;
  const base = now - nowPhase;
  const at = cursor?.at ?? 0;
  // Online, not seen since their last heartbeat: the phases up to now's, then the ones after it.
  const beats = (side: '<=' | '>', from: number) =>
    group(
      phase,
      (eb) => [eb('online', '=', 1), eb('last_seen_at', '<=', recent), eb('heartbeat_phase', side, nowPhase)],
      from,
    );
  const queries = [];
  if (filter.status !== 'online') queries.push(group(lastSeen, (eb) => [eb('online', '=', 0)], at));
  if (filter.status !== 'offline') {
    queries.push(
      group(seen, (eb) => [eb('online', '=', 1), eb('last_seen_at', '>', recent)], at),
      beats('<=', at - base),
      beats('>', at - base + HEARTBEAT_MS),
    );
  }
  return queries;
}

async function lastSeenPage(
  db: SqlReader,
  filter: FleetFilter,
  sort: FleetSort,
  limit: number,
  now: number,
): Promise<string[]> {
  const rows = (
    await Promise.all(lastSeenQueries(db, filter, sort, limit, now).map((query) => db.read(query)))
  ).flat();
  const direction = sort.direction;
  rows.sort((a, b) =>
    a.seen !== b.seen
      ? (a.seen - b.seen) * direction
      : a.tid === b.tid
        ? 0
        : (a.tid < b.tid ? -1 : 1) * direction,
  );
  return rows.slice(0, limit).map((r) => r.tid);
}

function selectsNothing(filter: Pick<FleetFilter, 'merchantIds'>): boolean {
  return filter.merchantIds !== null && filter.merchantIds.length === 0;
}

/** How many terminals match the filter and `more`. */
function counter(db: SqlReader, filter: FleetFilter, now: number) {
  return async (more: (eb: Eb) => Expression<SqlBool>[]): Promise<number> =>
    Number(
      (
        await db.readOne(
          db.q
            .selectFrom('terminals')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where((eb) => eb.and([...conditions(eb, filter, now, db.dialect), ...more(eb)])),
        )
      )?.n ?? 0,
    );
}

/** acquirer/rules/void-password.ts `passwordStateOf`: a lock first, then the PIN set. */
function passwordStateIs(eb: Eb, state: VoidPasswordState, now: number): Expression<SqlBool> {
  // Written so that an index on `locked_until` serves both (a null is no lock).
  if (state === 'locked') return eb('locked_until', '>', now);
  const unlocked = eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]);
  if (state === 'default') return eb.and([unlocked, eb('password_set', '=', 0)]);
  const temporary = eb('password_temporary', '=', 1);
  return eb.and([
    unlocked,
    eb('password_set', '=', 1),
    state === 'temporary' ? temporary : eb.or([eb('password_temporary', 'is', null), eb.not(temporary)]),
  ]);
}

/** acquirer/rules/heartbeat.ts `lastSeenOf`: an online terminal was seen at its last heartbeat. */
function lastSeenAt(now: number) {
  const beat = sql.lit(HEARTBEAT_MS);
  // The instant as a bigint, so PostgreSQL does not take it for an integer beside `heartbeat_phase`.
  const at = sql<number>`cast(${now} as bigint)`;
  const heartbeat = sql<number>`${at} - (((${at} - heartbeat_phase) % ${beat}) + ${beat}) % ${beat}`;
  // The later of the two, spelled alike in both stores (SQLite's max(a, b) is PostgreSQL's greatest).
  return sql<number>`(case when online = 1 and ${heartbeat} > last_seen_at then ${heartbeat} else last_seen_at end)`;
}

function sortValue(sort: FleetSort, now: number) {
  switch (sort.key) {
    case 'storeName':
      return sql<number>`store_rank`;
    case 'model':
      return sql<number>`model_rank`;
    case 'lastSeenAt':
      return lastSeenAt(now);
    case 'passwordChangedAt':
      // Never changed (null) is the oldest of all: first ascending, last descending, as SQLite orders nulls.
      return sql<number | null>`password_changed_at`;
    default:
      return sql<string>`tid`;
  }
}

/** The rank of a cursor's store name or model in the table's ranks: its own, or half-way between two. */
async function rankOfCursor(db: SqlReader, key: 'storeName' | 'model', value: string): Promise<number> {
  const { q } = db;
  const known =
    key === 'storeName'
      ? await db.readOne(
          q.selectFrom('stores').select('name_rank as rank').where('name', '=', value).limit(1),
        )
      : await db.readOne(
          q.selectFrom('terminals').select('model_rank as rank').where('model', '=', value).limit(1),
        );
  if (known) return known.rank;
  // A value no row has (a store since removed): placed after the ranks of the values before it.
  const rows =
    key === 'storeName'
      ? await db.read(q.selectFrom('stores').select(['name as value', 'name_rank as rank']))
      : await db.read(q.selectFrom('terminals').select(['model as value', 'model_rank as rank']).distinct());
  let place = -0.5;
  for (const row of rows) {
    const order = naturalOrder(row.value, value);
    if (order === 0) return row.rank;
    if (order < 0) place = Math.max(place, row.rank + 0.5);
  }
  return place;
}

async function afterKey(
  db: SqlReader,
  sort: FleetSort,
  after: readonly KeyPart[],
  now: number,
): Promise<Expression<SqlBool>[]> {
  const tid = String(after[1]);
  const forward = sort.direction === 1;
  const beyond = forward ? '>' : '<';
  if (sort.key === 'passwordChangedAt') {
    const at = after[0] as number | null;
    // Nulls come first ascending.
    if (at === null) {
      return [
        forward
          ? sql<SqlBool>`(password_changed_at is not null or tid > ${tid})`
          : sql<SqlBool>`(password_changed_at is null and tid < ${tid})`,
      ];
    }
    return [
      forward
        ? sql<SqlBool>`(password_changed_at > ${at} or (password_changed_at = ${at} and tid > ${tid}))`
        : sql<SqlBool>`(password_changed_at is null or password_changed_at < ${at} or (password_changed_at = ${at} and tid < ${tid}))`,
    ];
  }
  let value: number | string;
  if (sort.key === 'storeName' || sort.key === 'model')
    value = await rankOfCursor(db, sort.key, String(after[0]));
  else if (sort.key === 'lastSeenAt') value = after[0] as number;
  else value = String(after[0]);
  const expression = sortValue(sort, now);
  return [
    sql<SqlBool>`(${expression} ${sql.raw(beyond)} ${value} or (${expression} = ${value} and tid ${sql.raw(beyond)} ${tid}))`,
  ];
}

/** acquirer/rules/alerts.ts `isStalePassword`. */
function stale(eb: Eb, now: number): Expression<SqlBool>[] {
  return [eb('password_set', '=', 1), eb('password_changed_at', '<', now - STALE_PASSWORD_MS)];
}

/** acquirer/data/firmware.ts `firmwareUpdateOf`: a known model on another release than its current one. */
function outdatedFirmware(eb: Eb): Expression<SqlBool> {
  return eb.or(
    [...CURRENT_FIRMWARE].map(([model, current]) =>
      eb.and([eb('model', '=', model), eb('firmware', '<>', current)]),
    ),
  );
}

/** acquirer/state.ts `openCommandOf`: a command queued or delivered. */
function openCommandTids(eb: Eb) {
  return eb.selectFrom('password_commands').select('tid').where('status', 'in', ['queued', 'delivered']);
}

function conditions(eb: Eb, filter: FleetFilter, now: number, dialect: Dialect): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  if (filter.merchantIds !== null) {
    out.push(inMerchants(filter.merchantIds));
  }
  if (filter.status) out.push(eb('online', '=', filter.status === 'online' ? 1 : 0));
  if (filter.passwordState) out.push(passwordStateIs(eb, filter.passwordState, now));
  if (filter.storeId) out.push(eb('store_id', '=', filter.storeId));
  if (filter.model) out.push(eb('model', '=', filter.model));
  if (filter.stalePassword) out.push(...stale(eb, now));
  if (filter.openCommand) out.push(eb('tid', 'in', openCommandTids(eb)));
  if (filter.outdatedFirmware) out.push(outdatedFirmware(eb));
  if (filter.text) {
    // Found anywhere, as the rules' `includes`: `instr`, not LIKE, so `%` and `_` are only characters.
    const text = filter.text;
    out.push(
      eb.or([
        contains(dialect, sql.ref('tid'), text),
        contains(dialect, sql.ref('sn_key'), text),
        eb('store_id', 'in', (sub) =>
          sub
            .selectFrom('stores')
            .select('id')
            .where(contains(dialect, sql.ref('name_key'), text)),
        ),
      ]),
    );
  }
  return out.length > 0 ? out : [sql<SqlBool>`1 = 1`];
}
