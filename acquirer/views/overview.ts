import type { DailyVoids, Overview, OverviewQuery } from '@contract/schemas/overview';
import { DAY, shanghaiMidnight, toIso } from '../clock';
import { type ReadFirst, readFirst, type RequestContext, userOf } from '../context';
import { eachMatch } from '../ledger';
import { seesVoidPasswords } from '../rules/access';
import { STALE_PASSWORD_MS } from '../rules/alerts';
import { earliestOpenBatchStart, voidabilityOf } from '../rules/voidability';
import { merchantsInView } from './transactions';

export const OVERVIEW_DAYS = 14;

/** Counted with the same rules as the lists and alerts; decision 010 for a cashier. */
export function getOverview(ctx: RequestContext): ReadFirst {
  const query = ctx.query as OverviewQuery;
  const merchantIds = merchantsInView(ctx, query.merchantId);
  const { world } = ctx.state;
  const now = ctx.now;
  const seesPasswords = seesVoidPasswords(userOf(ctx));
  const stalePasswordDays = STALE_PASSWORD_MS / DAY;

  return readFirst(async () => {
    // The tiles count the terminals as the fleet list does (decision 018).
    const filter = { merchantIds };
    const [counts, risks] = await Promise.all([
      ctx.fleet.counts(filter, now),
      seesPasswords ? ctx.fleet.risks(filter, now) : null,
    ]);
    const terminals: Overview['terminals'] = risks
      ? {
          total: counts.total,
          factoryPassword: counts.default,
          locked: counts.locked,
          offline: counts.offline,
          openCommands: risks.openCommands,
          stalePasswords: risks.stalePasswords,
          stalePasswordDays,
        }
      : { total: counts.total, offline: counts.offline, stalePasswordDays };

    // A sale is voidable only in its terminal's open batch, before the cutoff.
    const voidable = { count: 0, amount: 0, nextCutoffAt: null as number | null };
    const inView = merchantIds === null ? null : new Set(merchantIds);
    // Walked, not copied: support's view is the whole fleet.
    function* terminalsInView() {
      for (const t of world.terminals) if (inView === null || inView.has(t.merchantId)) yield t;
    }
    const recentSales = {
      merchantIds,
      type: 'sale',
      mayBeVoidable: true,
      from: earliestOpenBatchStart(terminalsInView(), now),
      to: now + 1,
    } as const;
    for await (const rows of eachMatch(ctx.ledger, recentSales)) {
      for (const tx of rows) {
        const v = voidabilityOf(tx, world.merchantById.get(tx.terminal.merchantId), now);
        if (!v.voidable || v.voidableUntil === undefined) continue;
        voidable.count++;
        voidable.amount += tx.amount;
        voidable.nextCutoffAt = Math.min(voidable.nextCutoffAt ?? Infinity, v.voidableUntil);
      }
    }

    const firstDay = shanghaiMidnight(now) - (OVERVIEW_DAYS - 1) * DAY;
    const voidsByDay: DailyVoids[] = Array.from({ length: OVERVIEW_DAYS }, (_, i) => ({
      date: toIso(firstDay + i * DAY).slice(0, 10),
      count: 0,
      amount: 0,
    }));
    if (seesPasswords) {
      const voids = { merchantIds, type: 'void', outcome: 'approved', from: firstDay, to: now + 1 } as const;
      for await (const rows of eachMatch(ctx.ledger, voids)) {
        for (const tx of rows) {
          const day = voidsByDay[Math.floor((tx.createdAt - firstDay) / DAY)]!;
          day.count++;
          day.amount += tx.amount;
        }
      }
    }
    return () => ({ body: overviewBody(terminals, voidable, seesPasswords ? voidsByDay : null, now) });
  });
}

function overviewBody(
  terminals: Overview['terminals'],
  voidable: { count: number; amount: number; nextCutoffAt: number | null },
  voidsByDay: DailyVoids[] | null,
  now: number,
): Overview {
  return {
    terminals,
    voidable: {
      count: voidable.count,
      amount: voidable.amount,
      nextCutoffAt: voidable.nextCutoffAt === null ? null : toIso(voidable.nextCutoffAt),
    },
    ...(voidsByDay ? { voidsByDay } : {}),
    serverTime: toIso(now),
  };
}
