import { ACCOUNT_SEEDS } from './data/accounts';
import { HOSTILE_USER_NAMES } from './data/hostile';
import { fastHasher, randomToken, type SecretHasher } from './hash';
import type {
  AuditRecord,
  CommandRecord,
  FaultRecord,
  IdempotencyRecord,
  JobRecord,
  SessionRecord,
  TerminalRecord,
  Scenario,
  ThrottleRecord,
  UserRecord,
  World,
} from './types';

/**
 * Everything the acquirer knows: the generated world (regenerated from scenario + seed,
 * never stored) and what happened since (stored as deltas by `persistence.ts`).
 */
export interface SimState {
  world: World;
  users: UserRecord[];
  userById: Map<string, UserRecord>;
  userByName: Map<string, UserRecord>;
  sessions: Map<string, SessionRecord>;
  commands: Map<string, CommandRecord>;
  /** Per terminal, oldest first. */
  commandsByTid: Map<string, CommandRecord[]>;
  jobs: Map<string, JobRecord>;
  /** Oldest first; generated history then live events. */
  audit: AuditRecord[];
  /** How many of `audit` came from the generator (not persisted). */
  generatedAuditCount: number;
  idempotency: Map<string, IdempotencyRecord>;
  /**
   * Temporary PINs of recent resets, by idempotency record, so a retried reset can show
   * the PIN again. Memory only — never persisted: after a reload a retry answers the
   * command without it (the user resets again), which beats a PIN in localStorage.
   */
  temporaryPasswords: Map<string, string>;
  throttles: Map<string, ThrottleRecord>;
  faults: FaultRecord[];
  /** Terminals changed since generation (persisted in full). */
  dirtyTerminals: Set<string>;
  /** Something changed that the storage port has not seen yet. */
  dirty: boolean;
  /** Open (queued/delivered) commands, the only ones the clock moves. */
  openCommands: Set<CommandRecord>;
  /** How secrets are hashed (the host's choice; see hash.ts). */
  hasher: SecretHasher;
  /** What changed since the storage port last saw the state (record keys per collection). */
  changes: ChangeSet;
}

/** Keys of records changed since the last save; a storage port that writes per record reads it. */
export interface ChangeSet {
  /** Everything is new (a reset): rewrite all. */
  all: boolean;
  terminals: Set<string>;
  sessions: Set<string>;
  commands: Set<string>;
  jobs: Set<string>;
  idempotency: Set<string>;
  throttles: Set<string>;
  faults: boolean;
}

export type ChangedCollection = 'sessions' | 'commands' | 'jobs' | 'idempotency' | 'throttles';

export function emptyChanges(): ChangeSet {
  return {
    all: false,
    terminals: new Set(),
    sessions: new Set(),
    commands: new Set(),
    jobs: new Set(),
    idempotency: new Set(),
    throttles: new Set(),
    faults: false,
  };
}

/** Records that a record was written or deleted (the port reads it back by key). */
export function markChanged(state: SimState, collection: ChangedCollection, key: string): void {
  state.changes[collection].add(key);
  state.dirty = true;
}

/** Demo users with freshly salted password hashes (hostile display names in that scenario). */
export function createUsers(hasher: SecretHasher = fastHasher, scenario?: Scenario): UserRecord[] {
  return ACCOUNT_SEEDS.map((seed) => {
    const salt = randomToken(12);
    return {
      id: seed.id,
      username: seed.username,
      name: (scenario === 'hostile' ? HOSTILE_USER_NAMES[seed.id] : undefined) ?? seed.name,
      role: seed.role,
      merchantIds: [...seed.merchantIds],
      salt,
      passwordHash: hasher.hash(salt, seed.password),
    };
  });
}

export function createState(world: World, hasher: SecretHasher = fastHasher): SimState {
  const users = createUsers(hasher, world.scenario);
  const state: SimState = {
    world,
    users,
    userById: new Map(users.map((u) => [u.id, u])),
    userByName: new Map(users.map((u) => [u.username.toLowerCase(), u])),
    sessions: new Map(),
    commands: new Map(),
    commandsByTid: new Map(),
    jobs: new Map(),
    audit: world.audit.map((event) => ({ ...event })),
    generatedAuditCount: world.audit.length,
    idempotency: new Map(),
    temporaryPasswords: new Map(),
    throttles: new Map(),
    faults: [],
    dirtyTerminals: new Set(),
    dirty: false,
    openCommands: new Set(),
    hasher,
    changes: emptyChanges(),
  };
  for (const command of world.commands) addCommand(state, { ...command });
  state.changes = emptyChanges();
  return state;
}

export function addCommand(state: SimState, command: CommandRecord): void {
  const previous = state.commands.get(command.id);
  if (previous) state.openCommands.delete(previous);
  state.commands.set(command.id, command);
  const list = state.commandsByTid.get(command.tid) ?? [];
  const at = list.findIndex((c) => c.id === command.id);
  if (at >= 0) list[at] = command;
  else list.push(command);
  state.commandsByTid.set(command.tid, list);
  state.changes.commands.add(command.id);
  if (command.status === 'queued' || command.status === 'delivered') state.openCommands.add(command);
}

export function openCommandOf(state: SimState, tid: string): CommandRecord | null {
  const list = state.commandsByTid.get(tid);
  if (!list) return null;
  for (let i = list.length - 1; i >= 0; i--) {
    const command = list[i]!;
    if (command.status === 'queued' || command.status === 'delivered') return command;
  }
  return null;
}

/** Records a stored change of a terminal (persisted, and a new ETag). */
export function touchTerminal(state: SimState, terminal: TerminalRecord): void {
  terminal.revision++;
  state.dirtyTerminals.add(terminal.tid);
  state.changes.terminals.add(terminal.tid);
  state.dirty = true;
}
