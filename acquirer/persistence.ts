import type { SimClock } from './clock';
import { generateWorld } from './data/generate';
import { faultRecord } from './faults';
import { fastHasher, type SecretHasher } from './hash';
import { placeSale } from './rules/sales';
import { addCommand, createState, emptyChanges, type SimState } from './state';
import type {
  AuditRecord,
  CommandRecord,
  IdempotencyRecord,
  JobRecord,
  Scenario,
  SessionRecord,
  TerminalRecord,
  ThrottleRecord,
  TransactionRecord,
} from './types';

export interface StoragePort {
  load(): string | null;
  save(snapshot: string): void;
}

/** A state a store built itself (the server's tables), handed over as is. */
export interface LoadedState {
  v: 'state';
  state: SimState;
  clockOffsetMs: number;
}

// `saveChanges` runs before the response leaves, so an acknowledged request is stored.
export interface RecordStoragePort {
  load(): Snapshot | LoadedState | null;
  /** A read's writes are bookkeeping (session activity); a mutation's must be on disk before the answer. */
  saveChanges(state: SimState, clock: SimClock, options: { durable: boolean }): void;
}

/**
 * Several server processes on one database (decision 021). Each synchronous run of the rules is framed:
 * `begin` takes the database's state lock and brings the state up to date with what other processes
 * committed (answering a whole new state when it had to load everything again); `end` writes the run's
 * changes, if any, and commits, which releases the lock. A request is answered only after its `end`.
 */
export interface SharedStoragePort {
  load(): LoadedState | null;
  /** `durable`: the commit waits for the disk (a mutation), or not (a read's bookkeeping). */
  begin(state: SimState, clock: SimClock, options: { durable: boolean }): Promise<LoadedState | null>;
  end(state: SimState, clock: SimClock, options: { durable: boolean }): Promise<void>;
  /** A run threw: roll back, and load the state afresh at the next `begin`. */
  abort(): Promise<void>;
  /** Runs `work` between this process's runs (not inside one), without the database's lock. */
  quiet<T>(work: () => T): Promise<T>;
}

export type TerminalDelta = Pick<
  TerminalRecord,
  'online' | 'lastSeenAt' | 'heartbeatPhase' | 'voidPassword' | 'revision'
>;

// No plain secret: PINs and passwords salted and hashed, tokens hashed, idempotency records without
// temporary PINs. The generated world is regenerated from scenario, seed and instant.
export interface Snapshot {
  v: 1;
  scenario: Scenario;
  seed: string;
  generatedAt: number;
  clockOffsetMs: number;
  terminals: [string, TerminalDelta][];
  commands: CommandRecord[];
  jobs: JobRecord[];
  sessions: SessionRecord[];
  audit: AuditRecord[];
  /** Sales made since generation (absent in snapshots saved before there were any). */
  sales?: (Omit<TransactionRecord, 'terminal'> & { tid: string })[];
  idempotency: IdempotencyRecord[];
  throttles: [string, ThrottleRecord][];
  faults: {
    method: string;
    path: string;
    status?: number;
    networkError?: boolean;
    delayMs?: number;
    malformed?: boolean;
    times: number;
  }[];
}

export function serializeState(state: SimState, clock: SimClock): string {
  return JSON.stringify(snapshotOf(state, clock));
}

export function terminalDelta(terminal: TerminalRecord): TerminalDelta {
  return {
    online: terminal.online,
    lastSeenAt: terminal.lastSeenAt,
    heartbeatPhase: terminal.heartbeatPhase,
    voidPassword: terminal.voidPassword,
    revision: terminal.revision,
  };
}

export function faultsOf(state: SimState): Snapshot['faults'] {
  return state.faults.map(({ method, path, status, networkError, delayMs, malformed, remaining }) => ({
    method,
    path,
    status,
    networkError,
    delayMs,
    malformed,
    times: remaining,
  }));
}

export function snapshotOf(state: SimState, clock: SimClock): Snapshot {
  const { world } = state;
  return {
    v: 1,
    scenario: world.scenario,
    seed: world.seed,
    generatedAt: world.generatedAt,
    clockOffsetMs: clock.offsetMs,
    terminals: [...state.dirtyTerminals].flatMap((tid) => {
      const t = world.terminalByTid.get(tid);
      return t ? [[tid, terminalDelta(t)] as [string, TerminalDelta]] : [];
    }),
    commands: [...state.commands.values()],
    jobs: [...state.jobs.values()],
    sessions: [...state.sessions.values()],
    audit: state.audit.slice(state.generatedAuditCount),
    sales: state.liveSales.map(({ terminal, ...sale }) => ({ ...sale, tid: terminal.tid })),
    idempotency: [...state.idempotency.values()],
    throttles: [...state.throttles.entries()],
    faults: faultsOf(state),
  };
}

export interface Restored {
  state: SimState;
  clockOffsetMs: number;
}

export function restoreState(text: string | null, hasher?: SecretHasher): Restored | null {
  if (!text) return null;
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(text) as Snapshot;
  } catch {
    return null;
  }
  return restoreSnapshot(snapshot, hasher);
}

export function restoreSnapshot(
  snapshot: Snapshot | LoadedState | null,
  hasher?: SecretHasher,
): Restored | null {
  if (snapshot?.v === 'state') {
    snapshot.state.hasher = hasher ?? fastHasher;
    return { state: snapshot.state, clockOffsetMs: snapshot.clockOffsetMs };
  }
  if (snapshot?.v !== 1 || typeof snapshot.seed !== 'string' || typeof snapshot.generatedAt !== 'number')
    return null;
  const world = generateWorld({
    scenario: snapshot.scenario,
    seed: snapshot.seed,
    now: snapshot.generatedAt,
  });
  const state = createState(world, hasher);
  for (const [tid, delta] of snapshot.terminals) {
    const terminal = world.terminalByTid.get(tid);
    if (!terminal) continue;
    Object.assign(terminal, delta);
    state.dirtyTerminals.add(tid);
  }
  state.commands.clear();
  state.commandsByTid.clear();
  state.openCommands.clear();
  for (const command of snapshot.commands) addCommand(state, command);
  for (const job of snapshot.jobs) state.jobs.set(job.id, job);
  for (const session of snapshot.sessions) state.sessions.set(session.idHash, session);
  state.audit.push(...snapshot.audit);
  for (const { tid, ...sale } of snapshot.sales ?? []) {
    const terminal = world.terminalByTid.get(tid);
    if (terminal) placeSale(state, { ...sale, terminal });
  }
  // A live void's original may be a generated sale, which the snapshot does not hold.
  const voidedIds = new Set(state.liveSales.flatMap((tx) => (tx.originalId ? [tx.originalId] : [])));
  if (voidedIds.size > 0) {
    for (const tx of world.transactions) if (voidedIds.has(tx.id)) tx.voided = true;
  }
  for (const record of snapshot.idempotency) state.idempotency.set(record.key, record);
  for (const [key, record] of snapshot.throttles) state.throttles.set(key, record);
  for (const fault of snapshot.faults ?? []) state.faults.push(faultRecord({ ...fault, times: fault.times }));
  state.changes = emptyChanges();
  return { state, clockOffsetMs: snapshot.clockOffsetMs };
}
