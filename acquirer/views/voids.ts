import type {
  OperatorVoids,
  TerminalVoids,
  VoidBurst,
  VoidSummaryQuery,
} from '@contract/schemas/transactions';
import { MINUTE, toIso } from '../clock';
import { type HandlerResult, type ReadFirst, readFirst, type RequestContext } from '../context';
import { eachMatch } from '../ledger';
import { requireSeesVoidPasswords } from '../rules/access';
import { longestVoidBurst, VOID_BURST_COUNT, VOID_BURST_WINDOW_MS } from '../rules/alerts';
import type { TransactionRecord } from '../types';
import { selectionOf } from './transactions';

export const VOID_SUMMARY_ROWS = 50;

interface Group {
  tid: string;
  storeName: string;
  operatorNo: string;
  voids: TransactionRecord[];
  amount: number;
  burst: TransactionRecord[] | null;
}

function byConcern(
  a: { burst: boolean; count: number; amount: number; tid: string },
  b: { burst: boolean; count: number; amount: number; tid: string },
): number {
  return (
    Number(b.burst) - Number(a.burst) ||
    b.count - a.count ||
    b.amount - a.amount ||
    (a.tid < b.tid ? -1 : a.tid > b.tid ? 1 : 0)
  );
}

/** Not for a cashier: it reviews their colleagues (decision 010). */
export function voidSummary(ctx: RequestContext): ReadFirst {
  requireSeesVoidPasswords(ctx, 'review voids');
  const query = ctx.query as VoidSummaryQuery;
  const { filter } = selectionOf(ctx, { ...query, type: 'void' });
  // Approved voids made by now (the clock may have been set back in a sandbox).
  filter.outcome = 'approved';
  filter.to = Math.min(filter.to ?? Infinity, ctx.now + 1);
  return readFirst(async () => {
    const voids: TransactionRecord[] = [];
    for await (const rows of eachMatch(ctx.ledger, filter)) voids.push(...rows);
    return () => summaryOf(ctx, voids);
  });
}

function summaryOf(ctx: RequestContext, voids: readonly TransactionRecord[]): HandlerResult {
  const { world } = ctx.state;
  const groups = new Map<string, Group>();
  let amount = 0;
  for (const tx of voids) {
    amount += tx.amount;
    const key = `${tx.terminal.tid}/${tx.operatorNo}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        tid: tx.terminal.tid,
        storeName: world.storeById.get(tx.terminal.storeId)?.name ?? '',
        operatorNo: tx.operatorNo,
        voids: [],
        amount: 0,
        burst: null,
      };
      groups.set(key, group);
    }
    group.voids.push(tx);
    group.amount += tx.amount;
  }

  const operators: OperatorVoids[] = [];
  const terminals = new Map<string, TerminalVoids>();
  const bursts: VoidBurst[] = [];
  for (const group of groups.values()) {
    group.burst = longestVoidBurst(group.voids);
    operators.push({
      tid: group.tid,
      storeName: group.storeName,
      operatorNo: group.operatorNo,
      count: group.voids.length,
      amount: group.amount,
      burst: group.burst !== null,
    });
    const terminal = terminals.get(group.tid) ?? {
      tid: group.tid,
      storeName: group.storeName,
      count: 0,
      amount: 0,
      operatorCount: 0,
      burst: false,
    };
    terminal.count += group.voids.length;
    terminal.amount += group.amount;
    terminal.operatorCount += 1;
    terminal.burst ||= group.burst !== null;
    terminals.set(group.tid, terminal);
    if (group.burst) {
      bursts.push({
        tid: group.tid,
        storeName: group.storeName,
        operatorNo: group.operatorNo,
        count: group.burst.length,
        amount: group.burst.reduce((sum, tx) => sum + tx.amount, 0),
        from: toIso(group.burst[0]!.createdAt),
        to: toIso(group.burst.at(-1)!.createdAt),
        threshold: VOID_BURST_COUNT,
        windowMinutes: VOID_BURST_WINDOW_MS / MINUTE,
      });
    }
  }
  operators.sort(byConcern);
  const terminalRows = [...terminals.values()].sort(byConcern);
  bursts.sort((a, b) => (a.to < b.to ? 1 : a.to > b.to ? -1 : 0));
  return {
    body: {
      total: { count: voids.length, amount },
      byOperator: operators.slice(0, VOID_SUMMARY_ROWS),
      operatorGroups: operators.length,
      byTerminal: terminalRows.slice(0, VOID_SUMMARY_ROWS),
      terminalGroups: terminalRows.length,
      bursts,
      serverTime: toIso(ctx.now),
    },
  };
}
