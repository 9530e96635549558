import type { Alert } from '@contract/schemas/alerts';
import { STALE_PASSWORD_DAYS } from '@contract/schemas/terminals';
import { DAY, HOUR, MINUTE, toIso } from '../clock';
import { type ReadFirst, readFirst, type RequestContext, userOf } from '../context';
import { eachMatch, type LedgerFilter } from '../ledger';
import type { TerminalRecord, TransactionRecord } from '../types';
import { scopeOf, seesVoidPasswords } from './access';
import { lastSeenOf } from './heartbeat';
import { isLocked, passwordStateOf } from './void-password';

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
  const { state, now } = ctx;
  const { world } = state;
  const scope = scopeOf(userOf(ctx));
  const alerts: Alert[] = [];
  const perMerchant = new Map<string, { defaults: number; stale: number; oldestStale: number }>();

  for (const t of world.terminals) {
    if (scope !== null && !scope.has(t.merchantId)) continue;
    const entry = perMerchant.get(t.merchantId) ?? { defaults: 0, stale: 0, oldestStale: now };
    perMerchant.set(t.merchantId, entry);
    const vp = t.voidPassword;
    const passwordState = passwordStateOf(t, now);
    if (passwordState === 'default') entry.defaults++;
    if (isStalePassword(t, now)) {
      entry.stale++;
      entry.oldestStale = Math.min(entry.oldestStale, (vp.changedAt ?? now) + STALE_PASSWORD_MS);
    }
    if (isLocked(t, now)) {
      alerts.push({
        id: `lockout:${t.tid}:${vp.lockedAt ?? 0}`,
        kind: 'lockout',
        severity: 'critical',
        merchantId: t.merchantId,
        tid: t.tid,
        createdAt: toIso(vp.lockedAt ?? now),
        summary: `Terminal ${t.tid}: void password locked after ${vp.failedAttempts} wrong attempts, until ${toIso(vp.lockedUntil!)}`,
      });
    }
    const lastSeen = lastSeenOf(t, now);
    if (!t.online && now - lastSeen > OFFLINE_ALERT_MS) {
      alerts.push({
        id: `offline:${t.tid}:${lastSeen}`,
        kind: 'offline',
        severity: 'warning',
        merchantId: t.merchantId,
        tid: t.tid,
        createdAt: toIso(lastSeen + OFFLINE_ALERT_MS),
        summary: `Terminal ${t.tid} offline since ${toIso(lastSeen)}`,
      });
    }
  }

  for (const [merchantId, entry] of perMerchant) {
    if (entry.defaults > 0) {
      alerts.push({
        id: `default_password:${merchantId}`,
        kind: 'default_password',
        severity: 'warning',
        merchantId,
        createdAt: toIso(world.generatedAt),
        summary: `${entry.defaults} terminal(s) still on the factory void password 123456`,
        count: entry.defaults,
      });
    }
    if (entry.stale > 0) {
      alerts.push({
        id: `stale_password:${merchantId}`,
        kind: 'stale_password',
        severity: 'info',
        merchantId,
        createdAt: toIso(entry.oldestStale),
        summary: `${entry.stale} terminal(s) with a void password unchanged for over 90 days`,
        count: entry.stale,
      });
    }
  }

  // Void bursts: per terminal operator, a sliding 60-minute window over recent voids.
  const recentVoids: LedgerFilter = {
    merchantIds: scope === null ? null : [...scope],
    type: 'void',
    from: now - VOID_BURST_LOOKBACK_MS,
    to: now + 1,
  };
  return readFirst(async () => {
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
  visible.sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.createdAt < b.createdAt ? 1 : -1),
  );
  return visible;
}
