import type { Compilable, Kysely } from 'kysely';
import type { AuditTrail } from '@acquirer/audit-trail';
import type { SimClock } from '@acquirer/clock';
import { generateWorld } from '@acquirer/data/generate';
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
import type { CommandRecord, Scenario, TerminalRecord, UserRecord, World } from '@acquirer/types';
import { type Db, migrate, openDb } from './database';
import { rankFleet } from './fleet-ranks';
import type { SqlReader } from './reader';
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

/**
 * PostgreSQL's terminals are read in chunks: the heap V8 keeps after start grows with the rows held at once
 * (xlarge: RSS at rest 210 MB in chunks of 5,000, about 200 MB in chunks of 100).
 */
const LOAD_CHUNK = 100;

/** The simulator's state from the tables (either store); `null` for a database never seeded. */
export async function loadState(
  reader: SqlReader,
  hasher: SecretHasher = fastHasher,
): Promise<LoadedState | null> {
  const { q } = reader;
  const meta = new Map((await reader.read(q.selectFrom('meta').selectAll())).map((r) => [r.key, r.value]));
  const scenario = meta.get('scenario');
  if (scenario === undefined) return null;

  const merchants = (await reader.read(q.selectFrom('merchants').selectAll().orderBy('seq'))).map(
    rows.merchantOf,
  );
  const stores = (await reader.read(q.selectFrom('stores').selectAll().orderBy('seq'))).map(rows.storeOf);
  const settlements = groupBy(
    await reader.read(q.selectFrom('terminal_settlements').selectAll().orderBy('tid').orderBy('settled_at')),
    (r) => r.tid,
  );
  const terminals: TerminalRecord[] = [];
  const add = (r: Database['terminals']) =>
    terminals.push(
      rows.terminalOf(
        r,
        (settlements.get(r.tid) ?? []).map((s) => s.settled_at),
      ),
    );
  if ('each' in reader) {
    // SQLite: row by row, none held (RSS at rest on xlarge: 188 MB; read in chunks of 5,000, V8 kept 324).
    for (const r of (reader as Db).each(q.selectFrom('terminals').selectAll().orderBy('seq'))) add(r);
  } else {
    for (let after = -1; ;) {
      const chunk = await reader.read(
        q.selectFrom('terminals').selectAll().where('seq', '>', after).orderBy('seq').limit(LOAD_CHUNK),
      );
      for (const r of chunk) {
        add(r);
        after = r.seq;
      }
      if (chunk.length < LOAD_CHUNK) break;
    }
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
    await reader.read(q.selectFrom('user_merchants').selectAll().orderBy('user_id').orderBy('position')),
    (r) => r.user_id,
  );
  const users: UserRecord[] = (await reader.read(q.selectFrom('users').selectAll().orderBy('seq'))).map((r) =>
    rows.userOf(
      r,
      (memberships.get(r.id) ?? []).map((m) => m.merchant_id),
    ),
  );
  // Not createState, which would make new accounts and hash their passwords again.
  const state = bareState(world, users, hasher);

  for (const r of await reader.read(q.selectFrom('password_commands').selectAll().orderBy('seq'))) {
    addCommand(state, rows.commandOf(r));
  }
  const pending = groupBy(
    await reader.read(q.selectFrom('bulk_job_pending').selectAll().orderBy('job_id').orderBy('position')),
    (r) => r.job_id,
  );
  const results = groupBy(
    await reader.read(q.selectFrom('bulk_job_results').selectAll().orderBy('job_id').orderBy('position')),
    (r) => r.job_id,
  );
  for (const r of await reader.read(
    q.selectFrom('bulk_jobs').selectAll().orderBy('created_at').orderBy('id'),
  )) {
    state.jobs.set(r.id, rows.jobOf(r, pending.get(r.id) ?? [], results.get(r.id) ?? []));
  }
  const grants = groupBy(
    await reader.read(
      q.selectFrom('step_up_grants').selectAll().orderBy('session_id_hash').orderBy('position'),
    ),
    (r) => r.session_id_hash,
  );
  for (const r of await reader.read(
    q.selectFrom('sessions').selectAll().orderBy('created_at').orderBy('id_hash'),
  )) {
    state.sessions.set(r.id_hash, rows.sessionOf(r, grants.get(r.id_hash) ?? []));
  }
  // The audit trail stays in its table, read through sql-audit.ts (decision 017): `state.audit` holds only
  // the events recorded since the last write.
  for (const r of await reader.read(
    q.selectFrom('idempotency_records').selectAll().orderBy('created_at').orderBy('key'),
  )) {
    state.idempotency.set(r.key, rows.idempotencyOf(r));
  }
  for (const r of await reader.read(q.selectFrom('login_throttles').selectAll().orderBy('key'))) {
    state.throttles.set(r.key, rows.throttleOf(r));
  }
  state.faults = rows.faultsOf(await reader.read(q.selectFrom('faults').selectAll().orderBy('position')));
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

/** Where a request's changes go: statements run at once (SQLite) or gathered for a transaction (PostgreSQL). */
export interface RowWriter {
  /** The builder of the store's dialect: a statement compiles for the store that runs it. */
  readonly q: Kysely<Database>;
  run(query: Compilable): void;
  insert<T extends Table>(table: T, list: readonly Database[T][]): void;
}

export function sqliteWriter(db: Db): RowWriter {
  return { q: db.q, run: (query) => db.run(query), insert: (table, list) => insertRows(db, table, list) };
}

/** What a writer knows of the tables beyond the state: the next numbers, and what is stored already. */
export interface WriteCursor {
  nextAuditSeq: number;
  nextCommandSeq: number;
  nextSaleSeq: number;
  /** The commands stored, with their place in creation order; `null`: unknown, the upsert keeps a stored one. */
  commandSeqs: Map<string, number> | null;
  /** What the tables hold of the session grants, to skip writes that change nothing; `null`: unknown. */
  storedGrants: Map<string, string> | null;
  storedOffset: number;
}

/**
 * Writes a request's changes (not a rewrite of everything, `changes.all`) and moves the cursor on. The
 * audit events and sales written are the table's now: `state` drops them once the write is committed.
 */
export function writeChanges(state: SimState, clock: SimClock, w: RowWriter, cursor: WriteCursor): void {
  const { changes } = state;
  if (clock.offsetMs !== cursor.storedOffset) {
    w.run(
      w.q
        .updateTable('meta')
        .set({ value: String(clock.offsetMs) })
        .where('key', '=', 'clock_offset_ms'),
    );
    cursor.storedOffset = clock.offsetMs;
  }
  if (changes.sales.length > 0) {
    w.insert(
      'transactions',
      changes.sales.map((sale) => ({ ...rows.transactionRow(sale), seq: cursor.nextSaleSeq++ })),
    );
  }
  if (changes.voided.length > 0) {
    w.run(w.q.updateTable('transactions').set({ voided: 1 }).where('id', 'in', changes.voided));
  }
  if (changes.settlements.length > 0) {
    w.insert(
      'terminal_settlements',
      changes.settlements.map(({ tid, settledAt }) => ({ tid, settled_at: settledAt })),
    );
  }
  if (changes.faults) {
    w.run(w.q.deleteFrom('faults'));
    w.insert('faults', rows.faultRows(state));
  }
  for (const tid of changes.terminals) {
    const terminal = state.world.terminalByTid.get(tid);
    if (!terminal) continue;
    const { tid: _tid, seq: _seq, store_rank: _s, model_rank: _m, ...set } = rows.terminalRow(terminal, 0);
    w.run(w.q.updateTable('terminals').set(set).where('tid', '=', tid));
  }
  for (const id of changes.jobs) {
    const job = state.jobs.get(id);
    w.run(w.q.deleteFrom('bulk_job_pending').where('job_id', '=', id));
    w.run(w.q.deleteFrom('bulk_job_results').where('job_id', '=', id));
    if (!job) {
      w.run(w.q.deleteFrom('bulk_jobs').where('id', '=', id));
      continue;
    }
    const { id: _id, ...set } = rows.jobRow(job);
    w.run(
      w.q
        .insertInto('bulk_jobs')
        .values(rows.jobRow(job))
        .onConflict((oc) => oc.column('id').doUpdateSet(set)),
    );
    w.insert('bulk_job_pending', rows.jobPendingRows(job));
    w.insert('bulk_job_results', rows.jobResultRows(job));
  }
  // Commands no longer open first: a terminal's new command is stored after the one it replaced closed
  // (one open command per terminal is a constraint of the table).
  const commands = [...changes.commands].map((id) => ({ id, command: state.commands.get(id) }));
  const open = (c: CommandRecord | undefined) => c?.status === 'queued' || c?.status === 'delivered';
  commands.sort((a, b) => Number(open(a.command)) - Number(open(b.command)));
  for (const { id, command } of commands) {
    if (!command) {
      w.run(w.q.deleteFrom('password_commands').where('id', '=', id));
      cursor.commandSeqs?.delete(id);
      continue;
    }
    let seq = cursor.commandSeqs?.get(id);
    if (seq === undefined) {
      seq = cursor.nextCommandSeq++;
      cursor.commandSeqs?.set(id, seq);
    }
    const row = rows.commandRow(command, seq);
    const { id: _id, seq: _seq, ...set } = row;
    w.run(
      w.q
        .insertInto('password_commands')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(set)),
    );
  }
  for (const key of changes.sessions) {
    const session = state.sessions.get(key);
    if (!session) {
      w.run(w.q.deleteFrom('sessions').where('id_hash', '=', key));
      cursor.storedGrants?.delete(key);
      continue;
    }
    const { id_hash: _key, ...set } = rows.sessionRow(session);
    w.run(
      w.q
        .insertInto('sessions')
        .values(rows.sessionRow(session))
        .onConflict((oc) => oc.column('id_hash').doUpdateSet(set)),
    );
    // Most changes of a session are its activity time: its grants are rewritten only when they moved.
    const grants = rows.stepUpRows(session);
    const signature = JSON.stringify(grants);
    if (!cursor.storedGrants || (cursor.storedGrants.get(key) ?? '[]') !== signature) {
      w.run(w.q.deleteFrom('step_up_grants').where('session_id_hash', '=', key));
      w.insert('step_up_grants', grants);
      cursor.storedGrants?.set(key, signature);
    }
  }
  for (const key of changes.idempotency) {
    const record = state.idempotency.get(key);
    if (!record) {
      w.run(w.q.deleteFrom('idempotency_records').where('key', '=', key));
      continue;
    }
    const { key: _key, ...set } = rows.idempotencyRow(record);
    w.run(
      w.q
        .insertInto('idempotency_records')
        .values(rows.idempotencyRow(record))
        .onConflict((oc) => oc.column('key').doUpdateSet(set)),
    );
  }
  for (const id of changes.users) {
    const user = state.userById.get(id);
    if (!user) continue;
    w.run(w.q.updateTable('users').set({ password_hash: user.passwordHash }).where('id', '=', id));
  }
  for (const key of changes.throttles) {
    const throttle = state.throttles.get(key);
    if (!throttle) {
      w.run(w.q.deleteFrom('login_throttles').where('key', '=', key));
      continue;
    }
    const { key: _key, ...set } = rows.throttleRow(key, throttle);
    w.run(
      w.q
        .insertInto('login_throttles')
        .values(rows.throttleRow(key, throttle))
        .onConflict((oc) => oc.column('key').doUpdateSet(set)),
    );
  }
  // The log only grows: what `state.audit` holds was recorded since the last write.
  w.insert(
    'audit_events',
    state.audit.map((event, i) => rows.auditRow(event, cursor.nextAuditSeq + i)),
  );
  cursor.nextAuditSeq += state.audit.length;
}

/** Committed: the sales and audit events are the tables' now (read through the ports, decision 017). */
export function releaseWritten(state: SimState): void {
  releaseSales(state);
  releaseAudit(state);
}

/** The numbers the next rows take, read from the tables in one query. */
export async function cursorOf(reader: SqlReader): Promise<WriteCursor> {
  const row = await reader.readOne(
    reader.q.selectNoFrom((eb) => [
      eb
        .selectFrom('audit_events')
        .select((e) => e.fn.max('seq').as('n'))
        .as('audit'),
      eb
        .selectFrom('password_commands')
        .select((e) => e.fn.max('seq').as('n'))
        .as('command'),
      eb
        .selectFrom('transactions')
        .select((e) => e.fn.max('seq').as('n'))
        .as('sale'),
      eb.selectFrom('meta').select('value').where('key', '=', 'clock_offset_ms').as('offset'),
    ]),
  );
  const next = (n: number | null | undefined) => Number(n ?? -1) + 1;
  return {
    nextAuditSeq: next(row?.audit),
    nextCommandSeq: next(row?.command),
    nextSaleSeq: next(row?.sale),
    commandSeqs: null,
    storedGrants: null,
    storedOffset: Number(row?.offset ?? 0),
  };
}

/**
 * The server's storage on one SQLite file (one process, decision 019): the state is loaded from the tables at
 * start, and each request's changes are written to their rows in one transaction before its answer leaves.
 */
export async function tableStore(db: Db, synchronous: 'FULL' | 'NORMAL' = 'FULL'): Promise<TableStore> {
  const { q } = db;
  let cursor!: WriteCursor;
  const counters = () => {
    const grants = groupBy(
      db.all(q.selectFrom('step_up_grants').selectAll().orderBy('session_id_hash').orderBy('position')),
      (r) => r.session_id_hash,
    );
    const commandSeqs = new Map(
      db.all(q.selectFrom('password_commands').select(['id', 'seq'])).map((r) => [r.id, r.seq]),
    );
    const max = (table: 'audit_events' | 'password_commands' | 'transactions') =>
      Number(db.first(q.selectFrom(table).select((eb) => eb.fn.max('seq').as('n')))?.n ?? -1) + 1;
    cursor = {
      nextAuditSeq: max('audit_events'),
      nextCommandSeq: max('password_commands'),
      nextSaleSeq: max('transactions'),
      commandSeqs,
      storedGrants: new Map([...grants].map(([id, list]) => [id, JSON.stringify(list)])),
      storedOffset: Number(
        db.first(q.selectFrom('meta').select('value').where('key', '=', 'clock_offset_ms'))?.value ?? 0,
      ),
    };
  };
  let loaded = await loadState(db);
  counters();
  const writer = sqliteWriter(db);

  return {
    db,
    ledger: (world) => sqlLedger(db, world),
    fleet: (world) => sqlFleet(db, world),
    auditTrail: () => sqlAuditTrail(db),
    load: () => {
      const state = loaded;
      loaded = null;
      return state;
    },
    saveChanges(state, clock, { durable }) {
      db.setSynchronous(durable ? synchronous : 'NORMAL');
      const before = { ...cursor };
      try {
        db.transaction(() => {
          if (state.changes.all) writeState(db, state, clock.offsetMs);
          else writeChanges(state, clock, writer, cursor);
        });
      } catch (error) {
        // Not written: the numbers stay where they were, and the changes wait for the next write.
        cursor = before;
        throw error;
      }
      // Committed: the events are the table's now. Had the write failed, they would stay for the next one.
      if (state.changes.all) counters();
      releaseWritten(state);
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
