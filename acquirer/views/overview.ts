import type { DailyVoids, Overview, OverviewQuery } from '@contract/schemas/overview';
import { DAY, shanghaiMidnight, toIso } from '../clock';
import { type HandlerResult, type RequestContext, userOf } from '../context';
import { requireMerchantInScope, scopeOf, seesVoidPasswords } from '../rules/access';
import { isStalePassword, STALE_PASSWORD_MS } from '../rules/alerts';
import { passwordStateOf } from '../rules/void-password';
import { voidabilityOf } from '../rules/voidability';
import { openCommandOf } from '../state';

export const OVERVIEW_DAYS = 14;

/** Counted with the same rules as the lists and alerts; decision 010 for a cashier. */
export function getOverview(ctx: RequestContext): HandlerResult {
  const query = ctx.query as OverviewQuery;
  if (query.merchantId) requireMerchantInScope(ctx, query.merchantId);
  const scope = scopeOf(userOf(ctx));
  const inView = (merchantId: string) =>
    query.merchantId ? merchantId === query.merchantId : scope === null || scope.has(merchantId);
  const { world } = ctx.state;
  const now = ctx.now;

  const risks = { total: 0, factoryPassword: 0, locked: 0, offline: 0, openCommands: 0, stalePasswords: 0 };
  for (const t of world.terminals) {
    if (!inView(t.merchantId)) continue;
    risks.total++;
    const state = passwordStateOf(t, now);
    if (state === 'default') risks.factoryPassword++;
    if (state === 'locked') risks.locked++;
    if (!t.online) risks.offline++;
    if (openCommandOf(ctx.state, t.tid)) risks.openCommands++;
    if (isStalePassword(t, now)) risks.stalePasswords++;
  }
  const seesPasswords = seesVoidPasswords(userOf(ctx));
  const stalePasswordDays = STALE_PASSWORD_MS / DAY;
  const terminals: Overview['terminals'] = seesPasswords
    ? { ...risks, stalePasswordDays }
    : { total: risks.total, offline: risks.offline, stalePasswordDays };

  // A sale is voidable only before its batch's cutoff, at most a day after it was made.
  const voidable = { count: 0, amount: 0, nextCutoffAt: null as number | null };
  for (const tx of world.transactions) {
    if (tx.createdAt > now) continue;
    if (tx.createdAt < now - DAY) break; // newest first: the rest is older
    if (tx.type !== 'sale' || !inView(tx.terminal.merchantId)) continue;
    const v = voidabilityOf(tx, world.merchantById.get(tx.terminal.merchantId), now);
    if (!v.voidable || v.voidableUntil === undefined) continue;
    voidable.count++;
    voidable.amount += tx.amount;
    voidable.nextCutoffAt = Math.min(voidable.nextCutoffAt ?? Infinity, v.voidableUntil);
  }

  const firstDay = shanghaiMidnight(now) - (OVERVIEW_DAYS - 1) * DAY;
  const voidsByDay: DailyVoids[] = Array.from({ length: OVERVIEW_DAYS }, (_, i) => ({
    date: toIso(firstDay + i * DAY).slice(0, 10),
    count: 0,
    amount: 0,
  }));
  for (const index of world.voidIndexes) {
    const tx = world.transactions[index]!;
    if (tx.createdAt > now) continue;
    if (tx.createdAt < firstDay) break;
    if (tx.outcome !== 'approved' || !inView(tx.terminal.merchantId)) continue;
    const day = voidsByDay[Math.floor((tx.createdAt - firstDay) / DAY)]!;
    day.count++;
    day.amount += tx.amount;
  }

  const body: Overview = {
    terminals,
    voidable: {
      count: voidable.count,
      amount: voidable.amount,
      nextCutoffAt: voidable.nextCutoffAt === null ? null : toIso(voidable.nextCutoffAt),
    },
    ...(seesPasswords ? { voidsByDay } : {}),
    serverTime: toIso(now),
  };
  return { body };
}
