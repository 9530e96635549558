import type { Alert } from '@contract/schemas/alerts';
import { STALE_PASSWORD_DAYS } from '@contract/schemas/terminals';
import { DAY, HOUR, MINUTE, toIso } from '../clock';
import { type ReadFirst, readFirst, type RequestContext, userOf } from '../context';
import { eachMatch, type LedgerFilter } from '../ledger';
import type { TerminalRecord, TransactionRecord } from '../types';
import { scopeOf, seesVoidPasswords } from './access';

export const VOID_BURST_COUNT = 5;
export const VOID_BURST_WINDOW_MS = 60 * MINUTE;
/** Bursts older than this no longer raise an alert. */
export const VOID_BURST_LOOKBACK_MS = DAY;
export const STALE_PASSWORD_MS = STALE_PASSWORD_DAYS * DAY;
export const OFFLINE_ALERT_MS = 24 * HOUR;

export function isStalePassword(terminal: TerminalRecord, now: number): boolean {
  const { hash, changedAt } = terminal.voidPassword;
  return hash !== null && changedAt !== null && now - changedAt > STALE_PASSWORD_MS;
}

/** Pass the voids of one operator at one terminal, any order. */
export function longestVoidBurst<T extends { createdAt: number }>(voids: readonly T[]): T[] | null {
  if (voids.length < VOID_BURST_COUNT) return null;
  const sorted = [...voids].sort((a, b) => a.createdAt - b.createdAt);
  let best: { from: number; to: number } | null = null;
  for (let from = 0, to = 0; to < sorted.length; to++) {
    while (sorted[to]!.createdAt - sorted[from]!.createdAt > VOID_BURST_WINDOW_MS) from++;
    if (to - from + 1 >= VOID_BURST_COUNT && (!best || to - from > best.to - best.from)) best = { from, to };
  }
  return best ? sorted.slice(best.from, best.to + 1) : null;
}

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/**
 * Computed from the state at `now`, nothing stored; a cashier gets only the offline alerts (decision 010).
 */
export function listAlerts(ctx: RequestContext): ReadFirst {
  const { now } = ctx;
  const scope = scopeOf(userOf(ctx));
  const merchantIds = scope === null ? null : [...scope];
  // Void bursts: per terminal operator, a sliding 60-minute window over recent voids.
  const recentVoids: LedgerFilter = {
    merchantIds,
    type: 'void',
    from: now - VOID_BURST_LOOKBACK_MS,
    to: now + 1,
  };
  return readFirst(async () => {
    // Read through the fleet port (decision 018): from the terminals table on the server.
    const facts = await ctx.fleet.alertFacts({ merchantIds }, now);
    const alerts: Alert[] = [];
    for (const t of facts.locked) {
      alerts.push({
        id: `lockout:${t.tid}:${t.lockedAt ?? 0}`,
        kind: 'lockout',
        severity: 'critical',
        merchantId: t.merchantId,
        tid: t.tid,
        createdAt: toIso(t.lockedAt ?? now),
        summary: `Terminal ${t.tid}: void password locked after ${t.failedAttempts} wrong attempts, until ${toIso(t.lockedUntil)}`,
      });
    }
    for (const t of facts.offline) {
      alerts.push({
        id: `offline:${t.tid}:${t.lastSeenAt}`,
        kind: 'offline',
        severity: 'warning',
        merchantId: t.merchantId,
        tid: t.tid,
        createdAt: toIso(t.lastSeenAt + OFFLINE_ALERT_MS),
        summary: `Terminal ${t.tid} offline since ${toIso(t.lastSeenAt)}`,
      });
    }
    for (const m of facts.merchants) {
      if (m.defaults > 0) {
        alerts.push({
          id: `default_password:${m.merchantId}`,
          kind: 'default_password',
          severity: 'warning',
          merchantId: m.merchantId,
          createdAt: toIso(ctx.state.world.generatedAt),
          summary: `${m.defaults} terminal(s) still on the factory void password 123456`,
          count: m.defaults,
        });
      }
      if (m.stale > 0 && m.oldestChange !== null) {
        alerts.push({
          id: `stale_password:${m.merchantId}`,
          kind: 'stale_password',
          severity: 'info',
          merchantId: m.merchantId,
          createdAt: toIso(m.oldestChange + STALE_PASSWORD_MS),
          summary: `${m.stale} terminal(s) with a void password unchanged for over 90 days`,
          count: m.stale,
        });
      }
    }
    const recent = new Map<string, TransactionRecord[]>();
    // A cashier sees no void alerts (decision 010).
    const voids = seesVoidPasswords(userOf(ctx)) ? eachMatch(ctx.ledger, recentVoids) : [];
    for await (const rows of voids) {
      for (const tx of rows) {
        const key = `${tx.terminal.tid}/${tx.operatorNo}`;
        const list = recent.get(key);
        if (list) list.push(tx);
        else recent.set(key, [tx]);
      }
    }
    return () => ({ body: { items: withBursts(ctx, alerts, recent), serverTime: toIso(now) } });
  });
}

function withBursts(ctx: RequestContext, alerts: Alert[], recent: Map<string, TransactionRecord[]>): Alert[] {
  for (const [key, voids] of recent) {
    if (voids.length < VOID_BURST_COUNT) continue;
    const burst = longestVoidBurst(voids);
    if (!burst) continue;
    const first = burst[0]!;
    const amount = burst.reduce((sum, tx) => sum + tx.amount, 0);
    const [tid, operatorNo] = key.split('/');
    alerts.push({
      id: `void_burst:${key}:${first.createdAt}`,
      kind: 'void_burst',
      severity: 'critical',
      merchantId: first.terminal.merchantId,
      tid,
      createdAt: toIso(burst[VOID_BURST_COUNT - 1]!.createdAt),
      summary: `Operator ${operatorNo} at terminal ${tid} voided ${burst.length} sales (¥${(amount / 100).toFixed(2)}) within 60 minutes`,
      count: burst.length,
    });
  }

  const visible = seesVoidPasswords(userOf(ctx)) ? alerts : alerts.filter((a) => a.kind === 'offline');
  // Newest first within a severity; the id orders alerts of the same instant, whatever order they were read in.
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  visible.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      order(b.createdAt, a.createdAt) ||
      order(a.id, b.id),
  );
  return visible;
}
