import type { Role } from '@contract/schemas/common';
import { LIVE_EVENTS_KEPT_MINUTES, type LiveEvent } from '@contract/schemas/events';
import { MINUTE, toIso } from './clock';
import type { SimState } from './state';
import type { CommandStatus, TerminalRecord } from './types';

// Live updates (decision 023). Events are derived from what a run of the rules changed (`state.changes`),
// compared with what was before where the change itself does not say it (a terminal's `online` flip, a lock),
// at the one place every run is stored (`framed` in acquirer.ts): no rule announces anything itself.

/** An event as derived, before a feed numbers it. `merchantId` null: every user's (a resync). */
export interface LiveEventDraft {
  merchantId: string | null;
  event: LiveEvent;
}

/** An event as kept and sent: its number is the SSE `id`, increasing, never reused by one feed. */
export interface LiveEventRecord extends LiveEventDraft {
  id: number;
}

/** Who a stream is for: a session's user, as the rules scope them (decision 010). */
export interface LiveAccess {
  role: Role;
  /** The merchants of an owner or cashier; support's is every merchant (ignored). */
  merchantIds: readonly string[];
  /** The session's key (a hash of its token), to end the stream with the session. Never sent. */
  sessionKey: string;
}

/** What a connection starts from: the body the `events` handler answers, which a host turns into a stream. */
export class LiveStreamStart {
  constructor(
    readonly access: LiveAccess,
    /** The `Last-Event-ID` sent: the stream resumes after it; null: from now on. */
    readonly lastEventId: number | null,
  ) {}
}

export function isLiveStreamStart(body: unknown): body is LiveStreamStart {
  return body instanceof LiveStreamStart;
}

/**
 * Where events are kept and heard from: in memory for one process (the mock, SQLite), a table with
 * LISTEN/NOTIFY for several (PostgreSQL, server/db/live-feed.ts).
 */
export interface LiveFeed {
  /**
   * The events after `lastId` still kept, oldest first; `gap` (with the newest id) when some after it are no
   * longer kept or the id is not one of this feed's: the client reads everything again.
   */
  since(lastId: number): Promise<LiveEventRecord[] | { gap: true; head: number }>;
  /** Events as they are stored (by any process), in id order. */
  subscribe(listener: (records: readonly LiveEventRecord[]) => void): () => void;
  /** Numbers and keeps a run's events, and tells the subscribers; absent where the store does it (PostgreSQL). */
  publish?(drafts: readonly LiveEventDraft[]): void;
}

export const LIVE_EVENTS_KEPT_MS = LIVE_EVENTS_KEPT_MINUTES * MINUTE;
/** At most this many events are kept in memory, whatever their age. */
export const LIVE_EVENTS_KEPT_MAX = 10_000;

/**
 * Kept in memory: the last 15 minutes (by the host's real clock), at most 10,000. Numbers start at the
 * real time in microseconds, so a process started again never gives out a number it gave before: a
 * `Last-Event-ID` of the process before is older than any of this one and answers a resync.
 */
export function memoryLiveFeed(
  options: { keptMs?: number; keptMax?: number; realNow?: () => number } = {},
): LiveFeed & { publish(drafts: readonly LiveEventDraft[]): void } {
  const keptMs = options.keptMs ?? LIVE_EVENTS_KEPT_MS;
  const keptMax = options.keptMax ?? LIVE_EVENTS_KEPT_MAX;
  const realNow = options.realNow ?? (() => Date.now());
  const kept: { record: LiveEventRecord; storedAt: number }[] = [];
  /** The number before the first this feed gives out. */
  const base = realNow() * 1000;
  let head = base;
  const listeners = new Set<(records: readonly LiveEventRecord[]) => void>();
  const prune = () => {
    const oldest = realNow() - keptMs;
    let drop = Math.max(0, kept.length - keptMax);
    while (drop < kept.length && kept[drop]!.storedAt < oldest) drop++;
    if (drop > 0) kept.splice(0, drop);
  };
  return {
    async since(lastId) {
      prune();
      const first = kept[0]?.record.id ?? head + 1;
      // Events after lastId were dropped, or lastId is another feed's (before this one, or ahead of it).
      if (lastId < first - 1 || lastId > head) return { gap: true, head };
      return kept.filter((k) => k.record.id > lastId).map((k) => k.record);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(drafts) {
      if (drafts.length === 0) return;
      const storedAt = realNow();
      const records = drafts.map((draft) => ({ ...draft, id: ++head }));
      for (const record of records) kept.push({ record, storedAt });
      prune();
      for (const listener of [...listeners]) listener(records);
    },
  };
}

/** Whether a user may see an event (decision 010): their merchants only, and nothing of void passwords for a cashier. */
export function visibleTo(record: LiveEventDraft, access: LiveAccess): boolean {
  if (
    record.merchantId !== null &&
    access.role !== 'support' &&
    !access.merchantIds.includes(record.merchantId)
  )
    return false;
  const { event } = record;
  if (event.type === 'command' || event.type === 'alert') return access.role !== 'cashier';
  return true;
}

// ── Deriving events from a run ────────────────────────────────────────────────────────────────────────

/** What events say of a terminal, as the last event (or the state loaded) left it. */
interface TerminalFacts {
  online: boolean;
  lockedAt: number | null;
  factory: boolean;
}

const factsOf = (t: TerminalRecord): TerminalFacts => ({
  online: t.online,
  lockedAt: t.voidPassword.lockedAt,
  factory: t.voidPassword.hash === null,
});

/** Memory only, per state: what the last events said of each terminal (built when first needed). */
const terminalFacts = new WeakMap<SimState, Map<string, TerminalFacts>>();

/** What a run is compared with: the open commands' statuses (few), taken just before the run. */
export interface LiveBefore {
  openStatuses: Map<string, CommandStatus>;
  startedAt: number;
}

export function liveBefore(state: SimState, now: number): LiveBefore {
  if (!terminalFacts.has(state)) {
    terminalFacts.set(state, new Map(state.world.terminals.map((t) => [t.tid, factsOf(t)])));
  }
  return {
    openStatuses: new Map([...state.openCommands].map((c) => [c.id, c.status])),
    startedAt: now,
  };
}

/**
 * Terminals read again from the tables (another process changed them, and announced it): what events say of
 * them is what they hold now. Called by the shared store after it refreshed them (decision 021).
 */
export function noteTerminalsRead(state: SimState, tids: Iterable<string>): void {
  const facts = terminalFacts.get(state);
  if (!facts) return;
  for (const tid of tids) {
    const terminal = state.world.terminalByTid.get(tid);
    if (terminal) facts.set(tid, factsOf(terminal));
  }
}

/** The events of what the run after `before` changed, from `state.changes`; no secret is read. */
export function deriveLiveEvents(state: SimState, before: LiveBefore, now: number): LiveEventDraft[] {
  const { changes } = state;
  const at = toIso(now);
  if (changes.all) {
    // A reset or a seed: everything changed; what events said of terminals is built again.
    terminalFacts.delete(state);
    return [{ merchantId: null, event: { type: 'resync', at } }];
  }
  const drafts: LiveEventDraft[] = [];
  for (const id of changes.commands) {
    const command = state.commands.get(id);
    if (!command) continue;
    const was = before.openStatuses.get(id);
    if (was === command.status) continue;
    const open = command.status === 'queued' || command.status === 'delivered';
    // Not open before and not made in this run: a closed command written again (nothing moved).
    if (was === undefined && !open && command.requestedAt < before.startedAt) continue;
    drafts.push({
      merchantId: command.merchantId,
      event: {
        type: 'command',
        commandId: command.id,
        kind: command.kind,
        status: command.status,
        merchantId: command.merchantId,
        tid: command.tid,
        ...(command.jobId ? { jobId: command.jobId } : {}),
        at,
      },
    });
  }
  const facts = terminalFacts.get(state);
  for (const tid of changes.terminals) {
    const terminal = state.world.terminalByTid.get(tid);
    if (!terminal || !facts) continue;
    const was = facts.get(tid);
    const is = factsOf(terminal);
    facts.set(tid, is);
    if (!was) continue;
    const base = { merchantId: terminal.merchantId, tid, at };
    if (was.online !== is.online) {
      drafts.push({
        merchantId: terminal.merchantId,
        event: { type: 'terminal', online: is.online, ...base },
      });
    }
    if (was.lockedAt !== is.lockedAt) {
      drafts.push({
        merchantId: terminal.merchantId,
        event: { type: 'alert', alert: 'lockout', active: is.lockedAt !== null, ...base },
      });
    }
    if (was.factory !== is.factory) {
      drafts.push({
        merchantId: terminal.merchantId,
        event: { type: 'alert', alert: 'default_password', active: is.factory, ...base },
      });
    }
  }
  for (const sale of changes.sales) {
    drafts.push({
      merchantId: sale.terminal.merchantId,
      event: {
        type: 'sale',
        transactionId: sale.id,
        transactionType: sale.type,
        merchantId: sale.terminal.merchantId,
        tid: sale.terminal.tid,
        at: toIso(sale.createdAt),
      },
    });
  }
  return drafts;
}

// ── Following a feed for one connection ───────────────────────────────────────────────────────────────

/** One message of a stream: the event's number and its JSON. */
export interface LiveMessage {
  id: string;
  data: string;
}

/**
 * Follows `feed` for one connection: first what was missed after its `Last-Event-ID` (or a resync when that
 * is no longer kept), then each event as it comes, those the user may see. Events heard while the missed
 * ones are read wait, and none is sent twice. Answers the function that stops following.
 */
export function followLive(
  feed: LiveFeed,
  start: LiveStreamStart,
  send: (message: LiveMessage) => void,
  now: () => number,
): () => void {
  let last = start.lastEventId;
  let waiting: LiveEventRecord[] | null = start.lastEventId === null ? null : [];
  let stopped = false;
  const deliver = (records: readonly LiveEventRecord[]) => {
    for (const record of records) {
      if (last !== null && record.id <= last) continue;
      last = record.id;
      if (visibleTo(record, start.access))
        send({ id: String(record.id), data: JSON.stringify(record.event) });
    }
  };
  const unsubscribe = feed.subscribe((records) => {
    if (stopped) return;
    if (waiting) waiting.push(...records);
    else deliver(records);
  });
  if (start.lastEventId !== null) {
    void feed.since(start.lastEventId).then(
      (missed) => {
        if (stopped) return;
        if ('gap' in missed) {
          last = missed.head;
          send({ id: String(missed.head), data: JSON.stringify({ type: 'resync', at: toIso(now()) }) });
        } else deliver(missed);
        const heard = waiting ?? [];
        waiting = null;
        deliver(heard);
      },
      () => {
        if (stopped) return;
        // The feed could not be read: read everything again, and go on from what comes.
        send({ id: String(last), data: JSON.stringify({ type: 'resync', at: toIso(now()) }) });
        const heard = waiting ?? [];
        waiting = null;
        deliver(heard);
      },
    );
  }
  return () => {
    stopped = true;
    unsubscribe();
  };
}

/** One SSE message as text (what Hono's `writeSSE` writes): `id:` then `data:`, a blank line after. */
export function sseText(message: LiveMessage): string {
  return `data: ${message.data}\nid: ${message.id}\n\n`;
}

/** An SSE comment: ignored by EventSource, it keeps proxies from closing an idle connection. */
export const SSE_HEARTBEAT = ': heartbeat\n\n';
