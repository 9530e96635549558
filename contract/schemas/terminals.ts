import { z } from 'zod/mini';
import { PasswordCommand, PasswordCommandStatus } from './commands';
import { Count, ExportLanguage, MerchantId, ReasonText, TerminalId, TicketIdText, Timestamp } from './common';
import { Store } from './merchants';

export const TerminalStatus = z.enum(['online', 'offline']);
/** `temporary`: a generated PIN from a reset, which the terminal makes the operator change at first use. */
export const VoidPasswordState = z.enum(['default', 'custom', 'temporary', 'locked']);
export type VoidPasswordState = z.infer<typeof VoidPasswordState>;
export const TerminalModel = z.string();

export const VoidPasswordSummary = z.object({
  state: VoidPasswordState,
  changedAt: z.nullable(Timestamp),
  lockedUntil: z.nullable(Timestamp),
});

export const TerminalSummary = z.object({
  tid: TerminalId,
  sn: z.string(),
  model: TerminalModel,
  firmware: z.string(),
  /** The model's current release, when the terminal runs an older one; null when it is up to date. */
  firmwareUpdate: z.nullable(z.string()),
  merchantId: MerchantId,
  merchantName: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  status: TerminalStatus,
  lastSeenAt: Timestamp,
  voidPassword: z.nullable(VoidPasswordSummary),
  openCommand: z.nullable(PasswordCommand),
});
export type TerminalSummary = z.infer<typeof TerminalSummary>;

/**
 * How the terminal reaches the acquirer. `protocol`: activated, it checks in itself over the terminal
 * protocol; `pending`: an activation code is out; `revoked`: its key was revoked; `none`: not activated.
 */
export const TerminalCheckIn = z.object({
  credential: z.enum(['none', 'pending', 'active', 'revoked']),
  intervalSeconds: z.int(),
  /** When the next check-in is due; for an offline terminal, the first one it missed. */
  nextExpectedAt: Timestamp,
  appVersion: z.nullable(z.string()),
});
export type TerminalCheckIn = z.infer<typeof TerminalCheckIn>;

export const TerminalDetail = z.extend(TerminalSummary, {
  checkIn: TerminalCheckIn,
  voidPassword: z.nullable(
    z.extend(VoidPasswordSummary, {
      failedAttempts: Count,
    }),
  ),
  batch: z.object({ number: z.string(), cutoffAt: Timestamp }),
  version: z.string(),
  serverTime: Timestamp,
});
export type TerminalView = z.infer<typeof TerminalDetail>;
export type TerminalDetail = TerminalView & { voidPassword: NonNullable<TerminalView['voidPassword']> };

export function showsVoidPassword(terminal: TerminalView): terminal is TerminalDetail {
  return terminal.voidPassword !== null;
}

export const TerminalSort = z.enum([
  'tid',
  '-tid',
  'lastSeenAt',
  '-lastSeenAt',
  'storeName',
  '-storeName',
  'model',
  '-model',
  'passwordChangedAt',
  '-passwordChangedAt',
]);
export type TerminalSort = z.infer<typeof TerminalSort>;

export const STALE_PASSWORD_DAYS = 90;

/** Also the "filter" of a bulk reset. */
export const TerminalFilter = z.object({
  merchantId: z.optional(MerchantId),
  q: z.optional(z.string().check(z.maxLength(64))),
  status: z.optional(z.enum(['online', 'offline'])),
  passwordState: z.optional(VoidPasswordState),
  storeId: z.optional(z.string()),
  model: z.optional(z.string()),
  passwordAge: z.optional(z.enum(['stale'])),
  command: z.optional(z.enum(['open'])),
  firmware: z.optional(z.enum(['outdated'])),
});
export type TerminalFilter = z.infer<typeof TerminalFilter>;

export const TerminalListQuery = z.extend(TerminalFilter, {
  sort: z.optional(TerminalSort),
  cursor: z.optional(z.string()),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500))),
});
export type TerminalListQuery = z.infer<typeof TerminalListQuery>;

/** Query of `GET /terminals/export`: the list's filter and sort, and the file's language (default zh-CN). */
export const TerminalExportQuery = z.extend(TerminalListQuery, { lang: z.optional(ExportLanguage) });

export const TerminalPage = z.object({
  items: z.array(TerminalSummary),
  nextCursor: z.nullable(z.string()),
  total: Count,
  counts: z.object({
    default: z.optional(Count),
    locked: z.optional(Count),
    offline: Count,
  }),
  serverTime: Timestamp,
});
export type TerminalPage = z.infer<typeof TerminalPage>;

export const TerminalFacetsQuery = z.object({ merchantId: z.optional(MerchantId) });

export const TerminalFacets = z.object({
  stores: z.array(Store),
  models: z.array(z.object({ model: TerminalModel, terminalCount: Count })),
});
export type TerminalFacets = z.infer<typeof TerminalFacets>;

/** Policy rules beyond format live in the policy module. */
export const VoidPin = z.string().check(z.regex(/^[0-9]{6}$/));

export const ChangeVoidPasswordRequest = z.object({
  currentPassword: z.string().check(z.maxLength(64)),
  newPassword: z.string().check(z.maxLength(64)),
});
export type ChangeVoidPasswordRequest = z.infer<typeof ChangeVoidPasswordRequest>;

export const ResetVoidPasswordRequest = z.object({
  newPassword: z.optional(z.string().check(z.maxLength(64))),
  generateTemporary: z.optional(z.boolean()),
  ticketId: z.optional(TicketIdText),
  reason: z.optional(ReasonText),
});
export type ResetVoidPasswordRequest = z.infer<typeof ResetVoidPasswordRequest>;

export const ResetVoidPasswordResponse = z.object({
  command: PasswordCommand,
  temporaryPassword: z.optional(VoidPin),
});
export type ResetVoidPasswordResponse = z.infer<typeof ResetVoidPasswordResponse>;

/**
 * `filter`: "all N matching", not thousands of IDs; the server resolves it again, `total` is the count when
 * chosen.
 */
export type TerminalSelection =
  { kind: 'ids'; tids: string[] } | { kind: 'filter'; filter: TerminalFilter; total: number };

export function selectionSize(selection: TerminalSelection): number {
  return selection.kind === 'ids' ? selection.tids.length : selection.total;
}

export function bulkTargetOf(
  selection: TerminalSelection,
): { terminalIds: string[] } | { filter: TerminalFilter } {
  return selection.kind === 'ids' ? { terminalIds: selection.tids } : { filter: selection.filter };
}

export const BulkResetRequest = z
  .object({
    terminalIds: z.optional(z.array(TerminalId).check(z.minLength(1), z.maxLength(20000))),
    filter: z.optional(TerminalFilter),
    newPassword: z.string().check(z.maxLength(64)),
    ticketId: z.optional(TicketIdText),
    reason: z.optional(ReasonText),
  })
  .check(
    z.refine((b) => (b.terminalIds === undefined) !== (b.filter === undefined), {
      message: 'exactly one of terminalIds or filter',
    }),
  );
export type BulkResetRequest = z.infer<typeof BulkResetRequest>;

/** `done`: settled (applied or failed); `waiting`: still queued or delivered, so those take the old PIN. */
export const BulkResetJob = z.object({
  id: z.string(),
  total: Count,
  done: Count,
  succeeded: Count,
  failed: Count,
  waiting: Count,
  status: z.enum(['running', 'finished']),
  createdAt: Timestamp,
  results: z.array(
    z.object({
      tid: TerminalId,
      commandId: z.optional(z.string()),
      error: z.optional(z.string()),
      commandStatus: z.optional(PasswordCommandStatus),
      appliedAt: z.optional(Timestamp),
      failureReason: z.optional(z.string()),
      online: z.optional(z.boolean()),
    }),
  ),
});
export type BulkResetJob = z.infer<typeof BulkResetJob>;
export const JobResponse = z.object({ job: BulkResetJob });
