import type { AuditRecord } from './types';

/**
 * The audit trail is append-only and grows without bound: the rules read it through this port, as they read
 * sales through the ledger (decision 017). The browser mock keeps it in memory (`memoryAuditTrail` over
 * `state.audit`); the server reads its `audit_events` table (server/db/sql-audit.ts) and holds no event
 * once written. Both answer the same filter in the same order. Writing is not part of the port: a rule
 * appends to `state.audit` (`recordAudit`) and the host stores what was appended.
 */
export interface AuditFilter {
  /**
   * The merchants in view; `null` for all (support). An event that names no merchant (support's own
   * sign-in) is in view of all only.
   */
  merchantIds: readonly string[] | null;
  merchantId?: string;
  tid?: string;
  /** Part of the actor's name, case ignored (`actorKeyOf` on both sides); empty asks nothing. */
  actor?: string;
  /** The event's action (the API's `type`). */
  action?: string;
  /** Part of a ticket number, case, whitespace, `_` and `-` ignored (`ticketKeyOf`); empty asks nothing. */
  ticket?: string;
  /** `at >= from`. */
  from?: number;
  /** `at < to`. */
  to?: number;
}

/**
 * Newest first, ties newest recorded first: `[at, seq]` of the last event a page gave out. `seq` is the
 * event's place in the append-only log (its index in `state.audit`, the `seq` column in SQL): it never
 * changes, so events recorded between two pages neither repeat nor hide a row (decision 004).
 */
export type AuditKey = readonly [at: number, seq: number];

export interface AuditEntry {
  seq: number;
  event: AuditRecord;
}

export interface AuditTrail {
  /** Up to `limit` matching events after `after`, newest first (ties by seq descending). */
  page(filter: AuditFilter, after: AuditKey | null, limit: number): Promise<AuditEntry[]>;
  /** How many events match. */
  count(filter: AuditFilter): Promise<number>;
}

/** What an actor search compares: JavaScript's full Unicode lower case (SQL's `lower()` is ASCII-only). */
export function actorKeyOf(actor: string): string {
  return actor.toLowerCase();
}

/** What a ticket search compares: no whitespace (Unicode's, as `\s`), `_` or `-`, lower case. */
export function ticketKeyOf(ticketId: string): string {
  return ticketId.replace(/[\s_-]+/g, '').toLowerCase();
}

export function isAfterAuditKey([at, seq]: AuditKey): (entry: AuditEntry) => boolean {
  return (entry) => entry.event.at < at || (entry.event.at === at && entry.seq < seq);
}

/** The filter as a predicate on one event: what the SQL adapter's WHERE must mean. */
export function auditMatcher(filter: AuditFilter): (event: AuditRecord) => boolean {
  const merchants = filter.merchantIds === null ? null : new Set(filter.merchantIds);
  const actor = actorKeyOf(filter.actor ?? '');
  const ticket = ticketKeyOf(filter.ticket ?? '');
  const from = filter.from;
  const to = filter.to;
  return (e) =>
    (merchants === null || (e.merchantId !== null && merchants.has(e.merchantId))) &&
    (filter.merchantId === undefined || e.merchantId === filter.merchantId) &&
    (filter.tid === undefined || e.tid === filter.tid) &&
    (actor === '' || actorKeyOf(e.actor).includes(actor)) &&
    (filter.action === undefined || e.action === filter.action) &&
    (ticket === '' || (e.ticketId !== null && ticketKeyOf(e.ticketId).includes(ticket))) &&
    (from === undefined || e.at >= from) &&
    (to === undefined || e.at < to);
}

const newestFirst = (x: AuditEntry, y: AuditEntry) => y.event.at - x.event.at || y.seq - x.seq;

/**
 * The log in memory, `seq` an event's index in it. Appended in the order recorded, which is not always
 * the order of `at` (the sandbox clock moves), so a page sorts the matches.
 */
export function memoryAuditTrail(events: () => readonly AuditRecord[]): AuditTrail {
  function matches(filter: AuditFilter, after: AuditKey | null): AuditEntry[] {
    const list = events();
    const isMatch = auditMatcher(filter);
    const isAfter = after ? isAfterAuditKey(after) : null;
    const out: AuditEntry[] = [];
    for (let seq = 0; seq < list.length; seq++) {
      const event = list[seq]!;
      if (!isMatch(event)) continue;
      const entry = { seq, event };
      if (isAfter === null || isAfter(entry)) out.push(entry);
    }
    return out;
  }
  return {
    page(filter, after, limit) {
      if (limit <= 0) return Promise.resolve([]);
      return Promise.resolve(matches(filter, after).sort(newestFirst).slice(0, limit));
    },
    count(filter) {
      return Promise.resolve(matches(filter, null).length);
    },
  };
}
