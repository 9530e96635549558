import { ACCOUNT_SEEDS } from './data/accounts';
import { HOSTILE_USER_NAMES } from './data/hostile';
import { fastHasher, randomToken, saltedHash, type SecretHasher } from './hash';
import type { HeldTemporaryPin } from './idempotency';
import type { LiveEventDraft } from './live-events';
import type {
  AuditRecord,
  CommandRecord,
  FaultRecord,
  IdempotencyRecord,
  JobRecord,
  SessionRecord,
  TerminalRecord,
  TransactionRecord,
  Scenario,
  ThrottleRecord,
  UserRecord,
  World,
} from './types';

export interface SimState {
  world: World;
  users: UserRecord[];
  userById: Map<string, UserRecord>;
  userByName: Map<string, UserRecord>;
  sessions: Map<string, SessionRecord>;
  commands: Map<string, CommandRecord>;
  /** Oldest first. */
  commandsByTid: Map<string, CommandRecord[]>;
  jobs: Map<string, JobRecord>;
  /** Oldest first; generated history then live events. */
  audit: AuditRecord[];
  /** Generated entries are not persisted. */
  generatedAuditCount: number;
  /** Sales made since the world was generated, oldest first: what the mock's snapshot keeps of sales. */
  liveSales: TransactionRecord[];
  /** The earliest lock expiry known (`liftExpiredLocks`); -Infinity: not looked for yet. */
  nextLockExpiry: number;
  idempotency: Map<string, IdempotencyRecord>;
  /**
   * Memory only, by idempotency record, so a retried reset can show the PIN again (to the session that asked,
   * with a valid step-up, while the command is open); after a restart the user resets again.
   */
  temporaryPasswords: Map<string, HeldTemporaryPin>;
  throttles: Map<string, ThrottleRecord>;
  faults: FaultRecord[];
  dirtyTerminals: Set<string>;
  dirty: boolean;
  openCommands: Set<CommandRecord>;
  hasher: SecretHasher;
  changes: ChangeSet;
  /**
   * The terminals activated on the terminal protocol, as last looked up; null: look again (after an
   * activation here, or terminals read again from another process's changes).
   */
  activatedTerminals: TerminalRecord[] | null;
}

export interface ChangeSet {
  /** A reset: rewrite all. */
  all: boolean;
  terminals: Set<string>;
  sessions: Set<string>;
  commands: Set<string>;
  jobs: Set<string>;
  idempotency: Set<string>;
  throttles: Set<string>;
  /** Accounts whose password hash changed (hashed after a reset). */
  users: Set<string>;
  faults: boolean;
  /** Sales and voids made since the last write (sandbox control, terminals). */
  sales: TransactionRecord[];
  /** Sales voided since the last write (their `voided` flag). */
  voided: string[];
  /** Terminals' settlements before their cutoff since the last write. */
  settlements: { tid: string; settledAt: number }[];
  /** The live events of the run (decision 023), derived once it ran; a shared store writes them with it. */
  live: LiveEventDraft[];
}

export type ChangedCollection = 'sessions' | 'commands' | 'jobs' | 'idempotency' | 'throttles' | 'users';

export function emptyChanges(): ChangeSet {
  return {
    all: false,
    terminals: new Set(),
    sessions: new Set(),
    commands: new Set(),
    jobs: new Set(),
    idempotency: new Set(),
    throttles: new Set(),
    users: new Set(),
    faults: false,
    sales: [],
    voided: [],
    settlements: [],
    live: [],
  };
}

export function markChanged(state: SimState, collection: ChangedCollection, key: string): void {
  state.changes[collection].add(key);
  state.dirty = true;
}

/** Not yet hashed: matches no password until `hashUserPasswords` has run. */
export const PENDING_PASSWORD_HASH = '';

/** The fast default hashes at once; a slow KDF leaves the hash to `hashUserPasswords`. */
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
      passwordHash: hasher.scheme === '' ? saltedHash(salt, seed.password) : PENDING_PASSWORD_HASH,
    };
  });
}

/** The demo accounts' passwords through the state's hasher, off the event loop (decision 014). */
export async function hashUserPasswords(state: SimState): Promise<void> {
  const passwords = new Map(ACCOUNT_SEEDS.map((seed) => [seed.id, seed.password]));
  await Promise.all(
    state.users.map(async (user) => {
      if (user.passwordHash !== PENDING_PASSWORD_HASH) return;
      user.passwordHash = await state.hasher.hash(user.salt, passwords.get(user.id)!);
      // Stored with the next request's changes (a sandbox reset wrote the placeholder).
      markChanged(state, 'users', user.id);
    }),
  );
}

/** A state around a world and its accounts, with nothing else yet: no session, command or audit event. */
export function bareState(world: World, users: UserRecord[], hasher: SecretHasher): SimState {
  return {
    world,
    users,
    userById: new Map(users.map((u) => [u.id, u])),
    userByName: new Map(users.map((u) => [u.username.toLowerCase(), u])),
    sessions: new Map(),
    commands: new Map(),
    commandsByTid: new Map(),
    jobs: new Map(),
    audit: [],
    generatedAuditCount: 0,
    liveSales: [],
    nextLockExpiry: -Infinity,
    idempotency: new Map(),
    temporaryPasswords: new Map(),
    throttles: new Map(),
    faults: [],
    dirtyTerminals: new Set(),
    dirty: false,
    openCommands: new Set(),
    hasher,
    changes: emptyChanges(),
    activatedTerminals: null,
  };
}

export function createState(world: World, hasher: SecretHasher = fastHasher): SimState {
  const state = bareState(world, createUsers(hasher, world.scenario), hasher);
  state.audit = world.audit.map((event) => ({ ...event }));
  state.generatedAuditCount = world.audit.length;
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

export function touchTerminal(state: SimState, terminal: TerminalRecord): void {
  terminal.revision++;
  state.dirtyTerminals.add(terminal.tid);
  state.changes.terminals.add(terminal.tid);
  state.dirty = true;
}
