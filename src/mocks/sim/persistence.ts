import type { SimClock } from './clock';
import { generateWorld } from './data/generate';
import { faultRecord } from './faults';
import { addCommand, createState, type SimState } from './state';
import type {
  AuditRecord,
  CommandRecord,
  IdempotencyRecord,
  JobRecord,
  Scenario,
  SessionRecord,
  TerminalRecord,
  ThrottleRecord,
} from './types';

/** Where the simulator keeps its state between page loads (localStorage in the browser). */
export interface StoragePort {
  load(): string | null;
  save(snapshot: string): void;
}

type TerminalDelta = Pick<
  TerminalRecord,
  'online' | 'lastSeenAt' | 'heartbeatPhase' | 'voidPassword' | 'revision'
>;

/**
 * The stored form: what is needed to regenerate the data (scenario, seed, the instant it
 * was generated at, the clock) plus everything that changed since. No plain secret is
 * in it: PINs and passwords only as salted hashes, session and step-up tokens only as
 * hashes, idempotency records without temporary PINs and with a hash of the request.
 */
interface Snapshot {
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
  const { world } = state;
  const snapshot: Snapshot = {
    v: 1,
    scenario: world.scenario,
    seed: world.seed,
    generatedAt: world.generatedAt,
    clockOffsetMs: clock.offsetMs,
    terminals: [...state.dirtyTerminals].flatMap((tid) => {
      const t = world.terminalByTid.get(tid);
      return t
        ? [
            [
              tid,
              {
                online: t.online,
                lastSeenAt: t.lastSeenAt,
                heartbeatPhase: t.heartbeatPhase,
                voidPassword: t.voidPassword,
                revision: t.revision,
              },
            ] as [string, TerminalDelta],
          ]
        : [];
    }),
    commands: [...state.commands.values()],
    jobs: [...state.jobs.values()],
    sessions: [...state.sessions.values()],
    audit: state.audit.slice(state.generatedAuditCount),
    idempotency: [...state.idempotency.values()],
    throttles: [...state.throttles.entries()],
    faults: state.faults.map(({ method, path, status, networkError, delayMs, malformed, remaining }) => ({
      method,
      path,
      status,
      networkError,
      delayMs,
      malformed,
      times: remaining,
    })),
  };
  return JSON.stringify(snapshot);
}

export interface Restored {
  state: SimState;
  clockOffsetMs: number;
}

/** Rebuilds the state from a snapshot; `null` when there is none or it is unreadable. */
export function restoreState(text: string | null): Restored | null {
  if (!text) return null;
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(text) as Snapshot;
  } catch {
    return null;
  }
  if (snapshot?.v !== 1 || typeof snapshot.seed !== 'string' || typeof snapshot.generatedAt !== 'number')
    return null;
  const world = generateWorld({
    scenario: snapshot.scenario,
    seed: snapshot.seed,
    now: snapshot.generatedAt,
  });
  const state = createState(world);
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
  for (const record of snapshot.idempotency) state.idempotency.set(record.key, record);
  for (const [key, record] of snapshot.throttles) state.throttles.set(key, record);
  for (const fault of snapshot.faults ?? []) state.faults.push(faultRecord({ ...fault, times: fault.times }));
  return { state, clockOffsetMs: snapshot.clockOffsetMs };
}
