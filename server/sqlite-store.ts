import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SimClock } from '@acquirer/clock';
import {
  faultsOf,
  type RecordStoragePort,
  type Snapshot,
  snapshotOf,
  terminalDelta,
  type TerminalDelta,
} from '@acquirer/persistence';
import type { ChangedCollection, SimState } from '@acquirer/state';

type Kind = ChangedCollection | 'terminals';

export interface SqliteStore extends RecordStoragePort {
  initialize(state: SimState, clock: SimClock): void;
  close(): void;
}

// A mutation commits with FULL (survives a lost machine); a read's bookkeeping with NORMAL, sparing a GET
// an fsync: a power cut loses only seconds of idle-timer updates. Details: decision 003.
export function openSqliteStore(file: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): SqliteStore {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  let level: string = synchronous;
  const syncLevel = (wanted: 'FULL' | 'NORMAL') => {
    if (level !== wanted) db.pragma(`synchronous = ${wanted}`);
    level = wanted;
  };
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS records (
      kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, key)
    ); -- a rowid table: an upsert keeps the rowid, so rows come back in the order they were first written
    CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, data TEXT NOT NULL);
  `);
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const putMeta = db.prepare<[string, string]>(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const putRecord = db.prepare<[string, string, string]>(
    'INSERT INTO records (kind, key, data) VALUES (?, ?, ?) ON CONFLICT (kind, key) DO UPDATE SET data = excluded.data',
  );
  const deleteRecord = db.prepare<[string, string]>('DELETE FROM records WHERE kind = ? AND key = ?');
  const recordsOf = db.prepare<[string], { key: string; data: string }>(
    'SELECT key, data FROM records WHERE kind = ? ORDER BY rowid',
  );
  const addAudit = db.prepare<[string]>('INSERT INTO audit (data) VALUES (?)');
  let storedAudit = (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;

  const records = (kind: Kind) => recordsOf.all(kind);

  function writeHeader(state: SimState, clock: SimClock) {
    const { world } = state;
    putMeta.run(
      'header',
      JSON.stringify({ v: 1, scenario: world.scenario, seed: world.seed, generatedAt: world.generatedAt }),
    );
    putMeta.run('clockOffsetMs', String(clock.offsetMs));
    putMeta.run('faults', JSON.stringify(faultsOf(state)));
  }

  const writeAll = db.transaction((state: SimState, clock: SimClock) => {
    db.exec('DELETE FROM records; DELETE FROM audit;');
    const snapshot = snapshotOf(state, clock);
    writeHeader(state, clock);
    for (const [tid, delta] of snapshot.terminals) putRecord.run('terminals', tid, JSON.stringify(delta));
    for (const c of snapshot.commands) putRecord.run('commands', c.id, JSON.stringify(c));
    for (const j of snapshot.jobs) putRecord.run('jobs', j.id, JSON.stringify(j));
    for (const s of snapshot.sessions) putRecord.run('sessions', s.idHash, JSON.stringify(s));
    for (const r of snapshot.idempotency) putRecord.run('idempotency', r.key, JSON.stringify(r));
    for (const [key, t] of snapshot.throttles) putRecord.run('throttles', key, JSON.stringify(t));
    for (const event of snapshot.audit) addAudit.run(JSON.stringify(event));
    storedAudit = snapshot.audit.length;
  });

  function write(kind: Kind, key: string, value: unknown) {
    if (value === undefined) deleteRecord.run(kind, key);
    else putRecord.run(kind, key, JSON.stringify(value));
  }

  const writeChanges = db.transaction((state: SimState, clock: SimClock) => {
    const { changes } = state;
    if (changes.all) {
      writeAll(state, clock);
      return;
    }
    putMeta.run('clockOffsetMs', String(clock.offsetMs));
    if (changes.faults) putMeta.run('faults', JSON.stringify(faultsOf(state)));
    for (const tid of changes.terminals) {
      const terminal = state.world.terminalByTid.get(tid);
      write('terminals', tid, terminal && terminalDelta(terminal));
    }
    for (const id of changes.commands) write('commands', id, state.commands.get(id));
    for (const id of changes.jobs) write('jobs', id, state.jobs.get(id));
    for (const key of changes.sessions) write('sessions', key, state.sessions.get(key));
    for (const key of changes.idempotency) write('idempotency', key, state.idempotency.get(key));
    for (const key of changes.throttles) write('throttles', key, state.throttles.get(key));
    const live = state.audit.length - state.generatedAuditCount;
    for (let i = storedAudit; i < live; i++) {
      addAudit.run(JSON.stringify(state.audit[state.generatedAuditCount + i]));
    }
    storedAudit = live;
  });

  return {
    load(): Snapshot | null {
      const header = getMeta.get('header');
      if (!header) return null;
      const parse = <T>(rows: { key: string; data: string }[]) => rows.map((r) => JSON.parse(r.data) as T);
      return {
        ...(JSON.parse(header.value) as Pick<Snapshot, 'v' | 'scenario' | 'seed' | 'generatedAt'>),
        clockOffsetMs: Number(getMeta.get('clockOffsetMs')?.value ?? 0),
        terminals: records('terminals').map((r) => [r.key, JSON.parse(r.data) as TerminalDelta]),
        commands: parse(records('commands')),
        jobs: parse(records('jobs')),
        sessions: parse(records('sessions')),
        idempotency: parse(records('idempotency')),
        throttles: records('throttles').map((r) => [r.key, JSON.parse(r.data)]),
        audit: (db.prepare('SELECT data FROM audit ORDER BY seq').all() as { data: string }[]).map(
          (r) => JSON.parse(r.data) as Snapshot['audit'][number],
        ),
        faults: JSON.parse(getMeta.get('faults')?.value ?? '[]') as Snapshot['faults'],
      };
    },
    saveChanges(state, clock, { durable }) {
      // The level can only change outside a transaction.
      syncLevel(durable ? synchronous : 'NORMAL');
      writeChanges(state, clock);
    },
    initialize(state, clock) {
      if (!getMeta.get('header')) writeAll(state, clock);
    },
    close: () => db.close(),
  };
}
