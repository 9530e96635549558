import type { DailyVoids, Overview, OverviewQuery } from '@contract/schemas/overview';
import { DAY, shanghaiMidnight, toIso } from '../clock';
import { type ReadFirst, readFirst, type RequestContext, userOf } from '../context';
import { seesVoidPasswords } from '../rules/access';
import { STALE_PASSWORD_MS } from '../rules/alerts';
import { merchantsInView } from './transactions';

export const OVERVIEW_DAYS = 14;

/** Counted with the same rules as the lists and alerts; decision 010 for a cashier. */
export function getOverview(ctx: RequestContext): ReadFirst {
  const query = ctx.query as OverviewQuery;
  const merchantIds = merchantsInView(ctx, query.merchantId);
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
          outdatedFirmware: risks.outdatedFirmware,
          stalePasswordDays,
        }
      : { total: counts.total, offline: counts.offline, stalePasswordDays };

    // A sale is voidable only in its terminal's open batch, before the cutoff.
    const voidable = await ctx.ledger.voidableNow(merchantIds, now);

    const firstDay = shanghaiMidnight(now) - (OVERVIEW_DAYS - 1) * DAY;
    const voidsByDay: DailyVoids[] = Array.from({ length: OVERVIEW_DAYS }, (_, i) => ({
      date: toIso(firstDay + i * DAY).slice(0, 10),
      count: 0,
      amount: 0,
    }));
    if (seesPasswords) {
      const voids = { merchantIds, type: 'void', outcome: 'approved', to: now + 1 } as const;
      const days = await ctx.ledger.totalsByDay(voids, firstDay, OVERVIEW_DAYS);
      days.forEach((day, i) => Object.assign(voidsByDay[i]!, day));
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
