import { type Compilable, type CompiledQuery, type Kysely, sql } from 'kysely';
import type pg from 'pg';
import type { AuditTrail } from '@acquirer/audit-trail';
import type { SimClock } from '@acquirer/clock';
import type { Fleet } from '@acquirer/fleet';
import type { SecretHasher } from '@acquirer/hash';
import type { SalesLedger } from '@acquirer/ledger';
import { noteTerminalsRead } from '@acquirer/live-events';
import type { LoadedState, SharedStoragePort } from '@acquirer/persistence';
import { noteLock } from '@acquirer/rules/void-password';
import { addCommand, emptyChanges, type SimState } from '@acquirer/state';
import type { Scenario, World } from '@acquirer/types';
import { copyTables } from './copy';
import { type Db, migrate, openDb } from './database';
import { writeLiveEvents } from './live-feed';
import { onClient, poolOf } from './postgres';
import { postgresReader, type SqlReader } from './reader';
import * as rows from './rows';
import type { Database } from './schema';
import { sqlAuditTrail } from './sql-audit';
import { sqlFleet } from './sql-fleet';
import { sqlLedger } from './sql-ledger';
import {
  cursorOf,
  loadState,
  type RowWriter,
  seedTables,
  TABLES_IN_ORDER,
  writeChanges,
  type WriteCursor,
  writeState,
} from './table-store';

// Several server processes on one PostgreSQL behave as one server (issue 15, decision 021). Each process
// holds the state the rules run on (terminals, sessions, commands, jobs, idempotency records, throttles), as
// on SQLite; what makes them one is that every synchronous run of the rules happens inside a transaction
// that holds one advisory lock, after the process has reloaded what the others committed since it last
// looked (`state_log`). The lock makes the runs of all processes one sequence; the log makes each run see
// the state the one before it left. (The finish of a read, which changes nothing as a rule, runs outside
// and takes the lock only to store what it did change: `framed` in acquirer/acquirer.ts.)

/** The advisory lock every run of the rules holds (one number for the whole database). */
export const STATE_LOCK = 7_710_015;

/** Entries kept in `state_log`; a process further behind than that loads everything again. */
const LOG_KEPT = 10_000;

/** Entries read again row by row; past that a process loads everything (PostgreSQL binds 65,535 values). */
const MAX_ENTRIES_APPLIED = 5_000;

type Kind =
  | 'terminal'
  | 'session'
  | 'command'
  | 'job'
  | 'idempotency'
  | 'throttle'
  | 'user'
  | 'faults'
  | 'clock'
  | 'all';

interface LogEntry {
  version: number;
  kind: string;
  key: string;
}

export interface SharedStore extends SharedStoragePort {
  readonly q: Kysely<Database>;
  readonly reader: SqlReader;
  ledger(world: () => World): SalesLedger;
  fleet(world: () => World): Fleet;
  auditTrail(): AuditTrail;
  close(): Promise<void>;
}

/** What a run changed, as log entries: the rows other processes must read again. */
function entriesOf(state: SimState, offsetChanged: boolean): { kind: Kind; key: string }[] {
  const { changes } = state;
  const list: { kind: Kind; key: string }[] = [];
  const add = (kind: Kind, keys: Iterable<string>) => {
    for (const key of keys) list.push({ kind, key });
  };
  add('terminal', changes.terminals);
  add('session', changes.sessions);
  add('command', changes.commands);
  add('job', changes.jobs);
  add('idempotency', changes.idempotency);
  add('throttle', changes.throttles);
  add('user', changes.users);
  if (changes.faults) list.push({ kind: 'faults', key: '' });
  if (offsetChanged) list.push({ kind: 'clock', key: '' });
  return list;
}

/** Gathers statements for one transaction, in the order they are to run. */
function gatheringWriter(q: Kysely<Database>): RowWriter & { statements: CompiledQuery[] } {
  const statements: CompiledQuery[] = [];
  return {
    q,
    statements,
    run: (query) => void statements.push(query.compile()),
    insert(table, list) {
      if (list.length === 0) return;
      // PostgreSQL binds at most 65,535 parameters per statement.
      const size = Math.max(1, Math.floor(30_000 / Object.keys(list[0]!).length));
      for (let i = 0; i < list.length; i += size) {
        statements.push(
          q
            .insertInto(table)
            .values(list.slice(i, i + size) as never)
            .compile(),
        );
      }
    },
  };
}

/** Replaces a record's fields in place, so that a reference a request holds sees the stored values. */
function refresh<T extends object>(target: T, source: T): void {
  for (const key of Object.keys(target))
    if (!(key in source)) delete (target as Record<string, unknown>)[key];
  Object.assign(target, source);
}

/** Each key's record from its row read again, or none where the row is gone. */
function putByKey<R, V>(
  map: Map<string, V>,
  keys: readonly string[],
  found: readonly R[],
  keyOf: (row: R) => string,
  recordOf: (row: R) => V,
): void {
  const byKey = new Map(found.map((row) => [keyOf(row), row]));
  for (const key of keys) {
    const row = byKey.get(key);
    if (row) map.set(key, recordOf(row));
    else map.delete(key);
  }
}

/** Reads again the rows the log names and puts them into `state`. */
async function applyEntries(
  reader: SqlReader,
  state: SimState,
  clock: SimClock,
  entries: LogEntry[],
): Promise<void> {
  const { q } = reader;
  // Changes made outside a run (the accounts hashed after a reset) wait for this run's write.
  const pending = state.changes;
  const pendingDirty = state.dirty;
  state.changes = emptyChanges();
  const keys = new Map<string, Set<string>>();
  for (const e of entries) {
    const set = keys.get(e.kind) ?? new Set<string>();
    set.add(e.key);
    keys.set(e.kind, set);
  }
  const of = (kind: Kind) => [...(keys.get(kind) ?? [])];

  const tids = of('terminal');
  if (tids.length > 0) {
    const settlements = await reader.read(
      q
        .selectFrom('terminal_settlements')
        .selectAll()
        .where('tid', 'in', tids)
        .orderBy('tid')
        .orderBy('settled_at'),
    );
    for (const r of await reader.read(q.selectFrom('terminals').selectAll().where('tid', 'in', tids))) {
      const fresh = rows.terminalOf(
        r,
        settlements.filter((s) => s.tid === r.tid).map((s) => s.settled_at),
      );
      const held = state.world.terminalByTid.get(r.tid);
      if (held) refresh(held, fresh);
      else {
        state.world.terminals.push(fresh);
        state.world.terminalByTid.set(fresh.tid, fresh);
      }
      if (fresh.voidPassword.lockedUntil !== null) noteLock(state, fresh.voidPassword.lockedUntil);
    }
    // Another process may have activated one: the activated terminals are counted again.
    state.activatedTerminals = null;
    // That process announced what changed of them (decision 023): compared from here on.
    noteTerminalsRead(state, tids);
  }

  const sessionKeys = of('session');
  if (sessionKeys.length > 0) {
    const grants = await reader.read(
      q
        .selectFrom('step_up_grants')
        .selectAll()
        .where('session_id_hash', 'in', sessionKeys)
        .orderBy('session_id_hash')
        .orderBy('position'),
    );
    const found = await reader.read(q.selectFrom('sessions').selectAll().where('id_hash', 'in', sessionKeys));
    for (const key of sessionKeys) {
      const r = found.find((row) => row.id_hash === key);
      if (!r) {
        state.sessions.delete(key);
        continue;
      }
      const fresh = rows.sessionOf(
        r,
        grants.filter((g) => g.session_id_hash === key),
      );
      const held = state.sessions.get(key);
      if (held) refresh(held, fresh);
      else state.sessions.set(key, fresh);
    }
  }

  const commandIds = of('command');
  if (commandIds.length > 0) {
    const found = await reader.read(
      q.selectFrom('password_commands').selectAll().where('id', 'in', commandIds).orderBy('seq'),
    );
    for (const id of commandIds) {
      if (found.some((r) => r.id === id)) continue;
      const held = state.commands.get(id);
      if (!held) continue;
      state.commands.delete(id);
      state.openCommands.delete(held);
      const list = state.commandsByTid.get(held.tid)?.filter((c) => c.id !== id) ?? [];
      if (list.length > 0) state.commandsByTid.set(held.tid, list);
      else state.commandsByTid.delete(held.tid);
    }
    for (const r of found) addCommand(state, rows.commandOf(r));
  }

  const jobIds = of('job');
  if (jobIds.length > 0) {
    const pending = await reader.read(
      q
        .selectFrom('bulk_job_pending')
        .selectAll()
        .where('job_id', 'in', jobIds)
        .orderBy('job_id')
        .orderBy('position'),
    );
    const results = await reader.read(
      q
        .selectFrom('bulk_job_results')
        .selectAll()
        .where('job_id', 'in', jobIds)
        .orderBy('job_id')
        .orderBy('position'),
    );
    const found = await reader.read(q.selectFrom('bulk_jobs').selectAll().where('id', 'in', jobIds));
    putByKey(
      state.jobs,
      jobIds,
      found,
      (r) => r.id,
      (r) =>
        rows.jobOf(
          r,
          pending.filter((p) => p.job_id === r.id),
          results.filter((p) => p.job_id === r.id),
        ),
    );
  }

  const idempotencyKeys = of('idempotency');
  if (idempotencyKeys.length > 0) {
    const found = await reader.read(
      q.selectFrom('idempotency_records').selectAll().where('key', 'in', idempotencyKeys),
    );
    putByKey(state.idempotency, idempotencyKeys, found, (r) => r.key, rows.idempotencyOf);
  }

  const throttleKeys = of('throttle');
  if (throttleKeys.length > 0) {
    const found = await reader.read(
      q.selectFrom('login_throttles').selectAll().where('key', 'in', throttleKeys),
    );
    putByKey(state.throttles, throttleKeys, found, (r) => r.key, rows.throttleOf);
  }

  const userIds = of('user');
  if (userIds.length > 0) {
    for (const r of await reader.read(
      q.selectFrom('users').select(['id', 'password_hash']).where('id', 'in', userIds),
    )) {
      const user = state.userById.get(r.id);
      if (user) user.passwordHash = r.password_hash;
    }
  }

  if (keys.has('faults')) {
    state.faults = rows.faultsOf(await reader.read(q.selectFrom('faults').selectAll().orderBy('position')));
  }
  if (keys.has('clock')) {
    const offset = await reader.readOne(
      q.selectFrom('meta').select('value').where('key', '=', 'clock_offset_ms'),
    );
    clock.setOffset(Number(offset?.value ?? 0));
  }
  // What was read is what the tables hold: nothing of it is to be written back.
  state.changes = pending;
  state.dirty = pendingDirty || state.dirty;
}

/**
 * Empties every table and copies `source` (an SQLite database at the same schema) into them, inside the
 * transaction `tx` that holds the state lock, and logs that everything changed: running processes load it
 * all again at their next request.
 */
export async function replaceAllFrom(
  tx: Kysely<Database>,
  source: Db,
  log?: (line: string) => void,
): Promise<void> {
  for (const table of [...TABLES_IN_ORDER].reverse()) await tx.deleteFrom(table).execute();
  await copyTables(source, tx, log);
  await tx
    .insertInto('state_log')
    .values({ version: (await headOf(tx)) + 1, kind: 'all', key: '' })
    .execute();
}

/** Whether the database was seeded or provisioned (its `meta` names a scenario). */
export async function holdsData(q: Kysely<Database>): Promise<boolean> {
  return (
    (await q.selectFrom('meta').select('key').where('key', '=', 'scenario').executeTakeFirst()) !== undefined
  );
}

/** Takes the state lock for the rest of the transaction `tx`. */
export async function lockState(tx: Kysely<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${STATE_LOCK})`.execute(tx);
}

/** Writes `state` into an SQLite scratch database, the rows as SQLite writes them (fleet ranks included). */
async function withScratch<T>(work: (scratch: Db) => Promise<T>): Promise<T> {
  const scratch = openDb(':memory:');
  try {
    await migrate(scratch);
    return await work(scratch);
  } finally {
    await scratch.close();
  }
}

/**
 * The server's storage on PostgreSQL (`DATABASE_URL`): migrated, seeded with `seed` when empty (by one
 * process, under the state lock), its state loaded; then every run of the rules framed by `begin`/`end`.
 */
export async function openSharedStore(
  q: Kysely<Database>,
  options: { hasher: SecretHasher; seed?: { scenario: Scenario; seed: string; now: number } },
): Promise<SharedStore> {
  await migrate(q);
  if (options.seed) {
    const seed = options.seed;
    let seeded = false;
    await q
      .transaction()
      .setIsolationLevel('read committed')
      .execute(async (tx) => {
        await lockState(tx);
        if (await holdsData(tx)) return;
        await withScratch(async (scratch) => {
          await seedTables(scratch, { ...seed, hasher: options.hasher });
          await replaceAllFrom(tx, scratch);
        });
        seeded = true;
      });
    if (seeded) await sql`vacuum analyze`.execute(q);
  }

  const reader = postgresReader(q);
  const pool = poolOf(q);
  let lastVersion = await headOf(q);
  let initial = await loadState(reader, options.hasher);
  let storedOffset = initial?.clockOffsetMs ?? 0;
  // Set when the memory may differ from the tables (a write failed): the next run loads everything.
  let stale = false;
  // The client holding the state lock in its transaction, between `begin` and `end`.
  let current: pg.PoolClient | null = null;
  // One run at a time per process: requests wait here, not on pool connections the reads also need.
  let turn: Promise<void> = Promise.resolve();
  let releaseTurn: () => void = () => {};

  /** Ends the transaction of `current` with `work` (its COMMIT or ROLLBACK) and passes the turn on. */
  async function finishTurn(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = current;
    current = null;
    let failed: Error | undefined;
    try {
      if (client) await work(client);
    } catch (error) {
      stale = true;
      failed = error as Error;
      await client?.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      // A client whose transaction failed is not reused.
      client?.release(failed);
      releaseTurn();
    }
  }

  return {
    q,
    reader,
    ledger: (world) => sqlLedger(reader, world),
    fleet: (world) => sqlFleet(reader, world),
    auditTrail: () => sqlAuditTrail(reader),
    load() {
      const loaded = initial;
      initial = null;
      return loaded;
    },

    async begin(state, clock, { durable }): Promise<LoadedState | null> {
      const before = turn;
      let release!: () => void;
      turn = new Promise<void>((resolve) => (release = resolve));
      await before;
      // This run's turn now: `end` or `abort` passes it on.
      releaseTurn = release;
      let client: pg.PoolClient | null = null;
      // Whether memory was touched: a begin that failed before that leaves it as it was.
      let touched = false;
      try {
        client = await pool.connect();
        // One round trip: the transaction (READ COMMITTED whatever the database's default, so that the
        // statement after the lock sees every commit before it was granted), time limits (a process that
        // hangs holding the lock loses it; a wait too long answers 503), the lock, and for a read's
        // bookkeeping no wait for the disk (as SQLite writes it with synchronous=NORMAL). No parameter:
        // the simple protocol takes several statements.
        await client.query(
          'BEGIN ISOLATION LEVEL READ COMMITTED; ' +
            `SET LOCAL idle_in_transaction_session_timeout = '30s'; SET LOCAL lock_timeout = '10s'; ` +
            `SELECT pg_advisory_xact_lock(${STATE_LOCK})` +
            (durable ? '' : `, set_config('synchronous_commit', 'off', true)`),
        );
        current = client;
        const inTransaction = clientReader(q, client);
        // The entries after the last version seen, and the head: below that version, the database lost
        // commits this process saw (a crash losing asynchronous commits, a restore), and it loads all.
        const found = await client.query<{ version: number; kind: string; key: string }>(
          `SELECT version, kind, key FROM state_log WHERE version > $1
           UNION ALL SELECT coalesce(max(version), 0), '#head', '' FROM state_log`,
          [lastVersion],
        );
        const head = Number(found.rows.find((r) => r.kind === '#head')?.version ?? 0);
        const entries = found.rows
          .filter((r) => r.kind !== '#head')
          .map((r) => ({ ...r, version: Number(r.version) }))
          .sort((x, y) => x.version - y.version);
        const gap = entries.length > 0 && entries[0]!.version !== lastVersion + 1;
        // Far behind (more rows than one query should name), or a reset: everything again.
        const many = entries.length > MAX_ENTRIES_APPLIED;
        const behind = head < lastVersion;
        if (stale || gap || many || behind || entries.some((e) => e.kind === 'all')) {
          touched = true;
          const loaded = await loadState(inTransaction, state.hasher);
          if (!loaded) throw new Error('the database holds no state (it was emptied)');
          lastVersion = head;
          stale = false;
          storedOffset = loaded.clockOffsetMs;
          return loaded;
        }
        if (entries.length > 0) {
          touched = true;
          await applyEntries(inTransaction, state, clock, entries);
          lastVersion = entries.at(-1)!.version;
          storedOffset = clock.offsetMs;
        }
        return null;
      } catch (error) {
        current = null;
        if (touched) stale = true;
        await client?.query('ROLLBACK').catch(() => {});
        client?.release(error as Error);
        releaseTurn();
        throw error;
      }
    },

    async end(state, clock) {
      let analyze = false;
      await finishTurn(async (client) => {
        // The run's live events, written in its transaction (decision 023).
        const live = state.changes.live;
        state.changes.live = [];
        if (!state.dirty && live.length === 0) {
          await client.query('COMMIT');
          return;
        }
        const version = lastVersion + 1;
        const everything = state.changes.all;
        let entries: { kind: Kind; key: string }[] = [];
        let writtenAudit = 0;
        if (everything) {
          state.dirty = false;
          state.changes = emptyChanges();
          // The log entry (`all`) is written with the rows.
          await withScratch(async (scratch) => {
            scratch.transaction(() => writeState(scratch, state, clock.offsetMs));
            await replaceAllFrom(onClient(client), scratch);
          });
          writtenAudit = state.audit.length;
        } else {
          const { changes } = state;
          // The numbers of new rows, only when there are new rows to number.
          const cursor =
            state.audit.length > 0 || changes.sales.length > 0 || changes.commands.size > 0
              ? await cursorOf(clientReader(q, client))
              : { ...NO_NEW_ROWS };
          cursor.storedOffset = storedOffset;
          const offsetChanged = storedOffset !== clock.offsetMs;
          // From here to the first write, nothing else runs: the statements are what the state holds now.
          state.dirty = false;
          const writer = gatheringWriter(q);
          writeChanges(state, clock, writer, cursor);
          entries = entriesOf(state, offsetChanged);
          writtenAudit = state.audit.length;
          state.changes = emptyChanges();
          for (const statement of writer.statements) {
            await client.query(statement.sql, statement.parameters as unknown[]);
          }
        }
        await writeLiveEvents(client, live, Date.now());
        if (entries.length > 0) {
          const log = q
            .insertInto('state_log')
            .values(entries.map((e) => ({ version, ...e })))
            .compile();
          await client.query(log.sql, log.parameters as unknown[]);
          if (version % 1000 === 0) {
            await client.query('DELETE FROM state_log WHERE version <= $1', [version - LOG_KEPT]);
          }
        }
        await client.query('COMMIT');
        if (everything) analyze = true;
        if (entries.length > 0 || everything) lastVersion = version;
        storedOffset = clock.offsetMs;
        // Committed: these sales and events are the tables' now. Any recorded meanwhile (a read's finish
        // runs outside the lock) stay for the next write.
        state.world.transactions = [];
        state.liveSales = [];
        state.audit.splice(0, writtenAudit);
        state.generatedAuditCount = 0;
        state.world.audit = [];
      });
      // Statistics for the planner on the new rows (a sandbox reset to `large`: without them the fleet's
      // pages were planned as scans). After the commit and the turn: a failure here changes no answer.
      if (analyze) await sql`analyze`.execute(q).catch(() => {});
    },

    async quiet(work) {
      const before = turn;
      let release!: () => void;
      turn = new Promise<void>((resolve) => (release = resolve));
      await before;
      try {
        return work();
      } finally {
        release();
      }
    },

    abort() {
      return finishTurn(async (client) => {
        stale = true;
        await client.query('ROLLBACK');
      });
    },

    close: () => q.destroy(),
  };
}

/** A cursor for a write that numbers no new row. */
const NO_NEW_ROWS: WriteCursor = {
  nextAuditSeq: 0,
  nextCommandSeq: 0,
  nextSaleSeq: 0,
  commandSeqs: null,
  storedGrants: null,
  storedOffset: 0,
};

/** Reads on one client, inside its transaction; statements compiled by `q`'s dialect. */
function clientReader(q: Kysely<Database>, client: pg.PoolClient): SqlReader {
  const read = async <T>(query: Compilable<T>) => {
    const compiled = query.compile();
    return (await client.query(compiled.sql, compiled.parameters as unknown[])).rows as T[];
  };
  return { q, dialect: 'postgres', read, readOne: async (query) => (await read(query))[0] };
}

async function headOf(q: Kysely<Database>): Promise<number> {
  const row = await q
    .selectFrom('state_log')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}
