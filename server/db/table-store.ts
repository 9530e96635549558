import type { Kysely } from 'kysely';
import type { AuditTrail } from '@acquirer/audit-trail';
import type { SimClock } from '@acquirer/clock';
import { generateWorld } from '@acquirer/data/generate';
import { faultRecord } from '@acquirer/faults';
import type { Fleet } from '@acquirer/fleet';
import { fastHasher, type SecretHasher } from '@acquirer/hash';
import type { SalesLedger } from '@acquirer/ledger';
import type { LoadedState, RecordStoragePort } from '@acquirer/persistence';
import {
  addCommand,
  bareState,
  createState,
  emptyChanges,
  hashUserPasswords,
  type SimState,
} from '@acquirer/state';
import type { Scenario, TerminalRecord, UserRecord, World } from '@acquirer/types';
import { type Db, migrate, openDb } from './database';
import { rankFleet } from './fleet-ranks';
import * as rows from './rows';
import type { Database } from './schema';
import { sqlAuditTrail } from './sql-audit';
import { sqlFleet } from './sql-fleet';
import { sqlLedger } from './sql-ledger';

type Table = keyof Database;

// Deleted children first, inserted parents first.
export const TABLES_IN_ORDER: readonly Table[] = [
  'meta',
  'merchants',
  'stores',
  'users',
  'user_merchants',
  'terminals',
  'terminal_settlements',
  'transactions',
  'bulk_jobs',
  'bulk_job_pending',
  'bulk_job_results',
  'password_commands',
  'sessions',
  'step_up_grants',
  'audit_events',
  'alerts',
  'idempotency_records',
  'login_throttles',
  'faults',
];

// SQLite binds at most 32,766 parameters per statement; PostgreSQL 65,535.
const MAX_PARAMETERS = 30_000;
const MAX_BATCH = 500;

/**
 * Batched multi-row inserts. Kysely compiles the statement of a batch size once; later batches of that size
 * bind their values to the same prepared statement (compiling 200,000 rows' worth of nodes costs more than
 * inserting them).
 */
export function insertRows<T extends Table>(db: Db, table: T, list: readonly Database[T][]): void {
  if (list.length === 0) return;
  const columns = Object.keys(list[0]!);
  const size = Math.max(1, Math.min(MAX_BATCH, Math.floor(MAX_PARAMETERS / columns.length)));
  const q = db.q as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const compiled = new Map<number, string>();
  for (let i = 0; i < list.length; i += size) {
    const batch = list.slice(i, i + size) as unknown as Record<string, unknown>[];
    let text = compiled.get(batch.length);
    if (text === undefined) {
      const query = q.insertInto(table).values(batch).compile();
      text = query.sql;
      compiled.set(batch.length, text);
      db.sqlite.prepare(text).run(...(query.parameters as unknown[]));
      continue;
    }
    const values: unknown[] = new Array(batch.length * columns.length);
    let n = 0;
    for (const row of batch) for (const column of columns) values[n++] = row[column];
    db.prepared(text).run(values);
  }
}

export function isEmpty(db: Db): boolean {
  return db.first(db.q.selectFrom('meta').select('value').where('key', '=', 'scenario')) === undefined;
}

/** Empties every table, children first; run inside a transaction. */
export function clearAll(db: Db): void {
  for (const table of [...TABLES_IN_ORDER].reverse()) db.run(db.q.deleteFrom(table));
}

/** Writes every row of a state, replacing what the tables held; run inside a transaction. */
export function writeState(db: Db, state: SimState, clockOffsetMs: number): void {
  clearAll(db);
  const { world } = state;
  insertRows(db, 'meta', [
    { key: 'scenario', value: world.scenario },
    { key: 'seed', value: world.seed },
    { key: 'generated_at', value: String(world.generatedAt) },
    { key: 'clock_offset_ms', value: String(clockOffsetMs) },
  ]);
  insertRows(db, 'merchants', world.merchants.map(rows.merchantRow));
  insertRows(db, 'stores', world.stores.map(rows.storeRow));
  insertRows(db, 'users', state.users.map(rows.userRow));
  insertRows(db, 'user_merchants', state.users.flatMap(rows.userMerchantRows));
  insertRows(db, 'terminals', world.terminals.map(rows.terminalRow));
  insertRows(
    db,
    'terminal_settlements',
    world.terminals.flatMap((t) => t.manualSettlements.map((settled_at) => ({ tid: t.tid, settled_at }))),
  );
  // Oldest first, so a void's original is there before it.
  const transactions: Database['transactions'][] = [];
  for (let i = world.transactions.length - 1; i >= 0; i--) {
    transactions.push(rows.transactionRow(world.transactions[i]!));
  }
  db.bulkLoad('transactions', () => insertRows(db, 'transactions', transactions));
  const jobs = [...state.jobs.values()];
  insertRows(db, 'bulk_jobs', jobs.map(rows.jobRow));
  insertRows(db, 'bulk_job_pending', jobs.flatMap(rows.jobPendingRows));
  insertRows(db, 'bulk_job_results', jobs.flatMap(rows.jobResultRows));
  insertRows(db, 'password_commands', [...state.commands.values()].map(rows.commandRow));
  const sessions = [...state.sessions.values()];
  insertRows(db, 'sessions', sessions.map(rows.sessionRow));
  insertRows(db, 'step_up_grants', sessions.flatMap(rows.stepUpRows));
  insertRows(db, 'audit_events', state.audit.map(rows.auditRow));
  insertRows(db, 'idempotency_records', [...state.idempotency.values()].map(rows.idempotencyRow));
  insertRows(
    db,
    'login_throttles',
    [...state.throttles.entries()].map(([key, t]) => rows.throttleRow(key, t)),
  );
  rankFleet(db);
  insertRows(db, 'faults', rows.faultRows(state));
}

/** A generated world with its accounts (passwords hashed by `hasher`, off the event loop), as rows. */
export async function seedTables(
  db: Db,
  options: { scenario: Scenario; seed: string; now: number; hasher?: SecretHasher },
): Promise<SimState> {
  const state = createState(
    generateWorld({ scenario: options.scenario, seed: options.seed, now: options.now }),
    options.hasher ?? fastHasher,
  );
  await hashUserPasswords(state);
  db.transaction(() => writeState(db, state, 0));
  return state;
}

function groupBy<T, K>(list: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of list) {
    const group = map.get(key(item));
    if (group) group.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

/** The simulator's state from the tables; `null` for a database never seeded. */
export function loadState(db: Db, hasher: SecretHasher = fastHasher): LoadedState | null {
  const { q } = db;
  const meta = new Map(db.all(q.selectFrom('meta').selectAll()).map((r) => [r.key, r.value]));
  const scenario = meta.get('scenario');
  if (scenario === undefined) return null;

  const merchants = db.all(q.selectFrom('merchants').selectAll().orderBy('seq')).map(rows.merchantOf);
  const stores = db.all(q.selectFrom('stores').selectAll().orderBy('seq')).map(rows.storeOf);
  const settlements = groupBy(
    db.all(q.selectFrom('terminal_settlements').selectAll().orderBy('tid').orderBy('settled_at')),
    (r) => r.tid,
  );
  // Row by row: 100,000 rows held at once grew the heap by ~200 MB that V8 keeps (docs/performance.md).
  const terminals: TerminalRecord[] = [];
  for (const r of db.each(q.selectFrom('terminals').selectAll().orderBy('seq'))) {
    terminals.push(
      rows.terminalOf(
        r,
        (settlements.get(r.tid) ?? []).map((s) => s.settled_at),
      ),
    );
  }
  const terminalByTid = new Map(terminals.map((t) => [t.tid, t]));
  const world: World = {
    scenario: scenario as Scenario,
    seed: meta.get('seed') ?? '',
    generatedAt: Number(meta.get('generated_at')),
    merchants,
    merchantById: new Map(merchants.map((m) => [m.id, m])),
    stores,
    storeById: new Map(stores.map((s) => [s.id, s])),
    terminals,
    terminalByTid,
    // Sales stay in their table, read through the ledger (sql-ledger.ts, decision 017).
    transactions: [],
    commands: [],
    audit: [],
  };

  const memberships = groupBy(
    db.all(q.selectFrom('user_merchants').selectAll().orderBy('user_id').orderBy('position')),
    (r) => r.user_id,
  );
  const users: UserRecord[] = db.all(q.selectFrom('users').selectAll().orderBy('seq')).map((r) =>
    rows.userOf(
      r,
      (memberships.get(r.id) ?? []).map((m) => m.merchant_id),
    ),
  );
  // Not createState, which would make new accounts and hash their passwords again.
  const state = bareState(world, users, hasher);

  for (const r of db.all(q.selectFrom('password_commands').selectAll().orderBy('seq'))) {
    addCommand(state, rows.commandOf(r));
  }
  const pending = groupBy(
    db.all(q.selectFrom('bulk_job_pending').selectAll().orderBy('job_id').orderBy('position')),
    (r) => r.job_id,
  );
  const results = groupBy(
    db.all(q.selectFrom('bulk_job_results').selectAll().orderBy('job_id').orderBy('position')),
    (r) => r.job_id,
  );
  for (const r of db.all(q.selectFrom('bulk_jobs').selectAll().orderBy('created_at').orderBy('id'))) {
    state.jobs.set(r.id, rows.jobOf(r, pending.get(r.id) ?? [], results.get(r.id) ?? []));
  }
  const grants = groupBy(
    db.all(q.selectFrom('step_up_grants').selectAll().orderBy('session_id_hash').orderBy('position')),
    (r) => r.session_id_hash,
  );
  for (const r of db.all(q.selectFrom('sessions').selectAll().orderBy('created_at').orderBy('id_hash'))) {
    state.sessions.set(r.id_hash, rows.sessionOf(r, grants.get(r.id_hash) ?? []));
  }
  // The audit trail stays in its table, read through sql-audit.ts (decision 017): `state.audit` holds only
  // the events recorded since the last write.
  for (const r of db.all(
    q.selectFrom('idempotency_records').selectAll().orderBy('created_at').orderBy('key'),
  )) {
    state.idempotency.set(r.key, rows.idempotencyOf(r));
  }
  for (const r of db.all(q.selectFrom('login_throttles').selectAll().orderBy('key'))) {
    state.throttles.set(r.key, {
      failures: r.failures,
      until: r.until,
      ...(r.since === null ? {} : { since: r.since }),
    });
  }
  for (const r of db.all(q.selectFrom('faults').selectAll().orderBy('position'))) {
    state.faults.push(
      faultRecord({
        method: r.method,
        path: r.path,
        status: r.status ?? undefined,
        networkError: r.network_error === null ? undefined : r.network_error === 1,
        delayMs: r.delay_ms ?? undefined,
        malformed: r.malformed === null ? undefined : r.malformed === 1,
        times: r.remaining,
      }),
    );
  }
  state.dirty = false;
  state.changes = emptyChanges();
  return { v: 'state', state, clockOffsetMs: Number(meta.get('clock_offset_ms') ?? 0) };
}

/** Once written, sales are read from their table (sql-ledger.ts), not kept in memory. */
function releaseSales(state: SimState): void {
  state.world.transactions = [];
  state.liveSales = [];
}

/** Once written, audit events are read from their table (sql-audit.ts), not kept in memory. */
function releaseAudit(state: SimState): void {
  state.audit = [];
  state.generatedAuditCount = 0;
  state.world.audit = [];
}

/** The `seq` the next audit event gets: after the last one stored, so the numbering never repeats. */
function nextAuditSeqOf(db: Db): number {
  const row = db.first(db.q.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('last')));
  const last = row?.last;
  return last === null || last === undefined ? 0 : Number(last) + 1;
}

export interface TableStore extends RecordStoragePort {
  readonly db: Db;
  /** The sales of the tables, for the acquirer's `ledger` option; `world` gives the terminals they name. */
  ledger(world: () => World): SalesLedger;
  /** The fleet lists from the `terminals` table, for the acquirer's `fleet` option (decision 018). */
  fleet(world: () => World): Fleet;
  /**
   * The audit trail of the tables, for the acquirer's `auditTrail` option. The store drops the events it
   * has written from `state.audit`: an acquirer on this store reads the trail through this.
   */
  auditTrail(): AuditTrail;
  close(): Promise<void>;
}

/**
 * The server's storage: the state is loaded from the tables at start, and each request's changes are
 * written to their rows in one transaction before its answer leaves.
 */
export function tableStore(db: Db, synchronous: 'FULL' | 'NORMAL' = 'FULL'): TableStore {
  const { q } = db;
  // The seq of the next audit event written: `state.audit` holds only what is not written yet.
  let nextAuditSeq = nextAuditSeqOf(db);
  let nextCommandSeq = 0;
  // Sales made after seeding are numbered on from the generated ones.
  let nextSaleSeq = 0;
  // Ids of the commands stored, with their place in creation order.
  let commandSeqs = new Map<string, number>();
  // What the tables hold of the session grants and the clock, to skip writes that change nothing.
  let storedGrants = new Map<string, string>();
  let storedOffset = 0;
  const counters = () => {
    storedOffset = Number(
      db.first(q.selectFrom('meta').select('value').where('key', '=', 'clock_offset_ms'))?.value ?? 0,
    );
    storedGrants = new Map(
      [
        ...groupBy(
          db.all(q.selectFrom('step_up_grants').selectAll().orderBy('session_id_hash').orderBy('position')),
          (r) => r.session_id_hash,
        ),
      ].map(([id, list]) => [id, JSON.stringify(list)]),
    );
    commandSeqs = new Map(
      db.all(q.selectFrom('password_commands').select(['id', 'seq'])).map((r) => [r.id, r.seq]),
    );
    nextCommandSeq = Math.max(-1, ...commandSeqs.values()) + 1;
    nextSaleSeq =
      Number(db.first(q.selectFrom('transactions').select((eb) => eb.fn.max('seq').as('n')))?.n ?? -1) + 1;
  };
  counters();

  /** Writes a request's changes; answers the seq the next audit event gets once this is committed. */
  function writeChanges(state: SimState, clock: SimClock): number {
    const { changes } = state;
    if (changes.all) {
      // The generated log, numbered from 0.
      writeState(db, state, clock.offsetMs);
      releaseSales(state);
      counters();
      return nextAuditSeqOf(db);
    }
    if (clock.offsetMs !== storedOffset) {
      db.run(
        q
          .updateTable('meta')
          .set({ value: String(clock.offsetMs) })
          .where('key', '=', 'clock_offset_ms'),
      );
      storedOffset = clock.offsetMs;
    }
    if (changes.sales.length > 0) {
      insertRows(
        db,
        'transactions',
        changes.sales.map((sale) => ({ ...rows.transactionRow(sale), seq: nextSaleSeq++ })),
      );
      releaseSales(state);
    }
    if (changes.faults) {
      db.run(q.deleteFrom('faults'));
      insertRows(db, 'faults', rows.faultRows(state));
    }
    for (const tid of changes.terminals) {
      const terminal = state.world.terminalByTid.get(tid);
      if (!terminal) continue;
      const { tid: _tid, seq: _seq, store_rank: _s, model_rank: _m, ...set } = rows.terminalRow(terminal, 0);
      db.run(q.updateTable('terminals').set(set).where('tid', '=', tid));
    }
    for (const id of changes.jobs) {
      const job = state.jobs.get(id);
      db.run(q.deleteFrom('bulk_job_pending').where('job_id', '=', id));
      db.run(q.deleteFrom('bulk_job_results').where('job_id', '=', id));
      if (!job) {
        db.run(q.deleteFrom('bulk_jobs').where('id', '=', id));
        continue;
      }
      const { id: _id, ...set } = rows.jobRow(job);
      db.run(
        q
          .insertInto('bulk_jobs')
          .values(rows.jobRow(job))
          .onConflict((oc) => oc.column('id').doUpdateSet(set)),
      );
      insertRows(db, 'bulk_job_pending', rows.jobPendingRows(job));
      insertRows(db, 'bulk_job_results', rows.jobResultRows(job));
    }
    for (const id of changes.commands) {
      const command = state.commands.get(id);
      if (!command) {
        db.run(q.deleteFrom('password_commands').where('id', '=', id));
        commandSeqs.delete(id);
        continue;
      }
      let seq = commandSeqs.get(id);
      if (seq === undefined) {
        seq = nextCommandSeq++;
        commandSeqs.set(id, seq);
      }
      const row = rows.commandRow(command, seq);
      const { id: _id, seq: _seq, ...set } = row;
      db.run(
        q
          .insertInto('password_commands')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet(set)),
      );
    }
    for (const key of changes.sessions) {
      const session = state.sessions.get(key);
      if (!session) {
        db.run(q.deleteFrom('sessions').where('id_hash', '=', key));
        storedGrants.delete(key);
        continue;
      }
      const { id_hash: _key, ...set } = rows.sessionRow(session);
      db.run(
        q
          .insertInto('sessions')
          .values(rows.sessionRow(session))
          .onConflict((oc) => oc.column('id_hash').doUpdateSet(set)),
      );
      // Most changes of a session are its activity time: its grants are rewritten only when they moved.
      const grants = rows.stepUpRows(session);
      const signature = JSON.stringify(grants);
      if ((storedGrants.get(key) ?? '[]') !== signature) {
        db.run(q.deleteFrom('step_up_grants').where('session_id_hash', '=', key));
        insertRows(db, 'step_up_grants', grants);
        storedGrants.set(key, signature);
      }
    }
    for (const key of changes.idempotency) {
      const record = state.idempotency.get(key);
      if (!record) {
        db.run(q.deleteFrom('idempotency_records').where('key', '=', key));
        continue;
      }
      const { key: _key, ...set } = rows.idempotencyRow(record);
      db.run(
        q
          .insertInto('idempotency_records')
          .values(rows.idempotencyRow(record))
          .onConflict((oc) => oc.column('key').doUpdateSet(set)),
      );
    }
    for (const id of changes.users) {
      const user = state.userById.get(id);
      if (!user) continue;
      db.run(q.updateTable('users').set({ password_hash: user.passwordHash }).where('id', '=', id));
    }
    for (const key of changes.throttles) {
      const throttle = state.throttles.get(key);
      if (!throttle) {
        db.run(q.deleteFrom('login_throttles').where('key', '=', key));
        continue;
      }
      const { key: _key, ...set } = rows.throttleRow(key, throttle);
      db.run(
        q
          .insertInto('login_throttles')
          .values(rows.throttleRow(key, throttle))
          .onConflict((oc) => oc.column('key').doUpdateSet(set)),
      );
    }
    // The log only grows: what `state.audit` holds was recorded since the last write.
    insertRows(
      db,
      'audit_events',
      state.audit.map((event, i) => rows.auditRow(event, nextAuditSeq + i)),
    );
    return nextAuditSeq + state.audit.length;
  }

  return {
    db,
    ledger: (world) => sqlLedger(db, world),
    fleet: (world) => sqlFleet(db, world),
    auditTrail: () => sqlAuditTrail(db),
    load: () => {
      const loaded = loadState(db);
      counters();
      nextAuditSeq = nextAuditSeqOf(db);
      return loaded;
    },
    saveChanges(state, clock, { durable }) {
      db.setSynchronous(durable ? synchronous : 'NORMAL');
      const next = db.transaction(() => writeChanges(state, clock));
      // Committed: the events are the table's now. Had the write failed, they would stay for the next one.
      nextAuditSeq = next;
      releaseAudit(state);
    },
    close: () => db.close(),
  };
}

/** Opens the database, applies pending migrations and, for a database never seeded, seeds `scenario`. */
export async function openTableStore(options: {
  file: string;
  synchronous?: 'FULL' | 'NORMAL';
  seed?: { scenario: Scenario; seed: string; now: number; hasher: SecretHasher };
}): Promise<TableStore> {
  const db = openDb(options.file, options.synchronous);
  try {
    await migrate(db);
    if (options.seed && isEmpty(db)) await seedTables(db, options.seed);
    // A database migrated to 0006 gets its ranks here; afterwards this finds nothing to change.
    rankFleet(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return tableStore(db, options.synchronous);
}
