import type { ExportLanguage } from '@contract/schemas/common';
import type { TerminalListQuery } from '@contract/schemas/terminals';
import { shanghaiDate } from '../clock';
import { type HandlerResult, type RequestContext } from '../context';
import { toCsv } from '../csv';
import { requireRole } from '../rules/access';
import { audit } from '../rules/audit';
import { TERMINAL_EXPORT_LABELS, TRANSACTION_EXPORT_LABELS } from './export-labels';
import { sortedTerminals, terminalSummary } from './terminals';
import { filterTransactions, type ParsedTransactionQuery, transactionView } from './transactions';

/** An export holds at most this many rows, like an acquirer's download limit. */
export const EXPORT_ROW_LIMIT = 50_000;

function csvResult(name: string, csv: string, truncated: boolean): HandlerResult {
  return {
    body: csv,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      ...(truncated ? { 'x-export-truncated': 'true' } : {}),
    },
  };
}

export function exportTerminals(ctx: RequestContext): HandlerResult {
  requireRole(ctx, ['owner', 'support'], 'export terminals');
  const query = ctx.query as TerminalListQuery & { lang?: ExportLanguage };
  const words = TERMINAL_EXPORT_LABELS[query.lang ?? 'zh-CN'];
  const all = sortedTerminals(ctx, query);
  const rows = all.slice(0, EXPORT_ROW_LIMIT).map((t) => {
    const s = terminalSummary(ctx.state, t, ctx.now);
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
  });
  audit(ctx, {
    action: 'terminals.exported',
    outcome: 'success',
    merchantId: query.merchantId ?? undefined,
    target: `terminals (${rows.length})`,
  });
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
  return csvResult(
    `terminals-${shanghaiDate(ctx.now)}.csv`,
    toCsv(header, rows),
    all.length > EXPORT_ROW_LIMIT,
  );
}

/** What Excel reads as a date. */
function shanghaiDateTime(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '';
}

export function exportTransactions(ctx: RequestContext): HandlerResult {
  requireRole(ctx, ['owner', 'support'], 'export transactions');
  const query = ctx.query as ParsedTransactionQuery & { lang?: ExportLanguage };
  const words = TRANSACTION_EXPORT_LABELS[query.lang ?? 'zh-CN'];
  const all = filterTransactions(ctx, query);
  const rows = all.slice(0, EXPORT_ROW_LIMIT).map((tx) => {
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
  });
  audit(ctx, {
    action: 'transactions.exported',
    outcome: 'success',
    merchantId: query.merchantId ?? undefined,
    tid: query.terminalId ?? null,
    target: `transactions (${rows.length})`,
  });
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
  return csvResult(`${name}.csv`, toCsv(header, rows), all.length > EXPORT_ROW_LIMIT);
}
