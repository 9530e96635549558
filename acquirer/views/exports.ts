import type { ExportLanguage } from '@contract/schemas/common';
import type { TerminalListQuery } from '@contract/schemas/terminals';
import { shanghaiDate } from '../clock';
import {
  type HandlerResult,
  type ReadFirst,
  readFirst,
  type RequestContext,
  type StreamedText,
} from '../context';
import { csvHead, csvLine } from '../csv';
import { eachFleetPage } from '../fleet';
import type { SalesLedger } from '../ledger';
import { requireRole } from '../rules/access';
import { audit } from '../rules/audit';
import type { SimState } from '../state';
import type { TerminalRecord, TransactionRecord } from '../types';
import { TERMINAL_EXPORT_LABELS, TRANSACTION_EXPORT_LABELS } from './export-labels';
import { fleetFilterOf, fleetSortOf, terminalSummary } from './terminals';
import {
  eachSelected,
  type ParsedTransactionQuery,
  type TransactionSelection,
  selectionOf,
  transactionView,
} from './transactions';

/** An export holds at most this many rows, like an acquirer's download limit. */
export const EXPORT_ROW_LIMIT = 50_000;

type Cell = string | number | boolean | null | undefined;

/** A file written as its rows are read, a chunk at a time: memory stays flat whatever its size. */
function streamedCsv(
  header: readonly string[],
  chunks: () => AsyncIterable<readonly Cell[][]>,
): StreamedText {
  return {
    async *stream() {
      yield csvHead(header);
      for await (const rows of chunks()) {
        let text = '';
        for (const row of rows) text += csvLine(row);
        yield text;
      }
    },
  };
}

const EXPORT_CHUNK = 1_000;

function csvResult(name: string, csv: StreamedText, truncated: boolean): HandlerResult {
  return {
    body: csv,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      ...(truncated ? { 'x-export-truncated': 'true' } : {}),
    },
  };
}

export function exportTerminals(ctx: RequestContext): ReadFirst {
  requireRole(ctx, ['owner', 'support'], 'export terminals');
  const query = ctx.query as TerminalListQuery & { lang?: ExportLanguage };
  const words = TERMINAL_EXPORT_LABELS[query.lang ?? 'zh-CN'];
  // The list's filter and sort; the file starts at the top whatever page the list was on.
  const filter = fleetFilterOf(ctx, query);
  const { key, direction } = fleetSortOf(ctx, { ...query, cursor: undefined });
  const now = ctx.now;
  const toRow = (state: SimState, t: TerminalRecord): Cell[] => {
    const s = terminalSummary(state, t, now);
    return [
      s.tid,
      s.sn,
      s.model,
      s.firmware,
      s.merchantId,
      s.merchantName,
      s.storeName,
      words.status[s.status],
      shanghaiDateTime(s.lastSeenAt),
      s.voidPassword ? words.voidPassword[s.voidPassword.state] : '',
      shanghaiDateTime(s.voidPassword?.changedAt),
      shanghaiDateTime(s.voidPassword?.lockedUntil),
      s.openCommand ? words.command[s.openCommand.status] : '',
    ];
  };
  const h = words.header;
  const header = [
    h.tid,
    h.sn,
    h.model,
    h.firmware,
    h.merchantId,
    h.merchant,
    h.store,
    h.status,
    h.lastSeen,
    h.voidPassword,
    h.changedAt,
    h.lockedUntil,
    h.command,
  ];
  return readFirst(async () => {
    const { total } = await ctx.fleet.counts(filter, now);
    const exported = Math.min(total, EXPORT_ROW_LIMIT);
    return (ctx) => {
      audit(ctx, {
        action: 'terminals.exported',
        outcome: 'success',
        merchantId: query.merchantId ?? undefined,
        target: `terminals (${exported})`,
      });
      const { state } = ctx;
      const world = () => state.world;
      return csvResult(
        `terminals-${shanghaiDate(now)}.csv`,
        streamedCsv(header, async function* () {
          let left = exported;
          const pages = eachFleetPage(ctx.fleet, world, filter, { key, direction }, now, EXPORT_CHUNK);
          for await (const rows of pages) {
            const part = rows.slice(0, left);
            left -= part.length;
            yield part.map((t) => toRow(state, t));
            if (left <= 0) return;
          }
        }),
        total > EXPORT_ROW_LIMIT,
      );
    };
  });
}

/** What Excel reads as a date. */
function shanghaiDateTime(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '';
}

/** How many rows a selection matches: by the ledger, or counted here when rules must run on each. */
async function countOf(ledger: SalesLedger, selection: TransactionSelection): Promise<number> {
  if (!selection.rules) return (await ledger.totals(selection.filter)).count;
  let count = 0;
  for await (const rows of eachSelected(ledger, selection)) count += rows.length;
  return count;
}

export function exportTransactions(ctx: RequestContext): ReadFirst {
  requireRole(ctx, ['owner', 'support'], 'export transactions');
  const query = ctx.query as ParsedTransactionQuery & { lang?: ExportLanguage };
  const words = TRANSACTION_EXPORT_LABELS[query.lang ?? 'zh-CN'];
  const selection = selectionOf(ctx, query);
  const toRow = (tx: TransactionRecord): Cell[] => {
    const t = transactionView(ctx.state, tx, ctx.now);
    return [
      t.id,
      shanghaiDateTime(t.createdAt),
      t.merchantId,
      t.tid,
      t.storeName,
      words.type[t.type],
      words.status[t.status],
      words.method[t.method],
      (t.amount / 100).toFixed(2),
      t.currency,
      t.cardLast4,
      t.traceNo,
      t.rrn,
      t.batchNo,
      t.operatorNo,
      t.voidable ? words.yes : words.no,
      shanghaiDateTime(t.voidableUntil),
      t.notVoidableReason ? words.reason[t.notVoidableReason] : '',
      t.originalId,
    ];
  };
  const h = words.header;
  const header = [
    h.id,
    h.time,
    h.merchantId,
    h.tid,
    h.store,
    h.type,
    h.status,
    h.method,
    h.amount,
    h.currency,
    h.cardLast4,
    h.traceNo,
    h.rrn,
    h.batchNo,
    h.operatorNo,
    h.voidable,
    h.voidableUntil,
    h.notVoidableReason,
    h.originalId,
  ];
  const name = ['transactions', query.terminalId, shanghaiDate(ctx.now)].filter(Boolean).join('-');
  return readFirst(async () => {
    const total = await countOf(ctx.ledger, selection);
    const exported = Math.min(total, EXPORT_ROW_LIMIT);
    return () => {
      audit(ctx, {
        action: 'transactions.exported',
        outcome: 'success',
        merchantId: query.merchantId ?? undefined,
        tid: query.terminalId ?? null,
        target: `transactions (${exported})`,
      });
      const csv = streamedCsv(header, async function* () {
        let left = exported;
        for await (const rows of eachSelected(ctx.ledger, selection)) {
          const part = rows.slice(0, left);
          left -= part.length;
          yield part.map(toRow);
          if (left <= 0) return;
        }
      });
      return csvResult(`${name}.csv`, csv, total > EXPORT_ROW_LIMIT);
    };
  });
}
