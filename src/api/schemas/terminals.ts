import { z } from 'zod/mini';
import { PasswordCommand, PasswordCommandStatus } from './commands';
import { Count, ExportLanguage, MerchantId, TerminalId, Timestamp } from './common';
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
  merchantId: MerchantId,
  merchantName: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  status: TerminalStatus,
  lastSeenAt: Timestamp,
  /** Null for a role that does not see void-password state or commands (a cashier). */
  voidPassword: z.nullable(VoidPasswordSummary),
  openCommand: z.nullable(PasswordCommand),
});
export type TerminalSummary = z.infer<typeof TerminalSummary>;

export const TerminalDetail = z.extend(TerminalSummary, {
  voidPassword: z.nullable(
    z.extend(VoidPasswordSummary, {
      failedAttempts: Count,
    }),
  ),
  batch: z.object({ number: z.string(), cutoffAt: Timestamp }),
  version: z.string(),
  serverTime: Timestamp,
});
/** A terminal as its page shows it; its void password is null for a cashier. */
export type TerminalView = z.infer<typeof TerminalDetail>;
/** A terminal whose void password the viewer sees and may act on (owner, support). */
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

/** A custom void password unchanged for longer than this is stale (`passwordAge=stale`, its alert). */
export const STALE_PASSWORD_DAYS = 90;

/** Query of `GET /terminals`, also the "filter" of a bulk reset. */
export const TerminalFilter = z.object({
  merchantId: z.optional(MerchantId),
  q: z.optional(z.string().check(z.maxLength(64))),
  status: z.optional(z.enum(['online', 'offline'])),
  passwordState: z.optional(VoidPasswordState),
  storeId: z.optional(z.string()),
  model: z.optional(z.string()),
  /** `stale`: a custom void password unchanged for longer than the stale-password alert's days. */
  passwordAge: z.optional(z.enum(['stale'])),
  /** `open`: a void-password change or reset waiting for the terminal (queued or delivered). */
  command: z.optional(z.enum(['open'])),
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
  /** Counts over the same filter, for "1,204 terminals, 37 on the factory password". */
  counts: z.object({
    /** Absent for a role that does not see void-password state (a cashier). */
    default: z.optional(Count),
    locked: z.optional(Count),
    offline: Count,
  }),
  serverTime: Timestamp,
});
export type TerminalPage = z.infer<typeof TerminalPage>;

/** Query of `GET /terminals/facets`: the choices of the fleet list's filters, for one merchant or all in scope. */
export const TerminalFacetsQuery = z.object({ merchantId: z.optional(MerchantId) });

/** The stores and models the user's terminals have (filter choices), with how many terminals each. */
export const TerminalFacets = z.object({
  stores: z.array(Store),
  models: z.array(z.object({ model: TerminalModel, terminalCount: Count })),
});
export type TerminalFacets = z.infer<typeof TerminalFacets>;

/** A void password: exactly 6 ASCII digits. Policy rules beyond format live in the policy module. */
export const VoidPin = z.string().check(z.regex(/^[0-9]{6}$/));

export const ChangeVoidPasswordRequest = z.object({
  currentPassword: z.string().check(z.maxLength(64)),
  newPassword: z.string().check(z.maxLength(64)),
});
export type ChangeVoidPasswordRequest = z.infer<typeof ChangeVoidPasswordRequest>;

export const ResetVoidPasswordRequest = z.object({
  newPassword: z.optional(z.string().check(z.maxLength(64))),
  generateTemporary: z.optional(z.boolean()),
  ticketId: z.optional(z.string().check(z.maxLength(64))),
  reason: z.optional(z.string().check(z.maxLength(500))),
});
export type ResetVoidPasswordRequest = z.infer<typeof ResetVoidPasswordRequest>;

export const ResetVoidPasswordResponse = z.object({
  command: PasswordCommand,
  temporaryPassword: z.optional(VoidPin),
});
export type ResetVoidPasswordResponse = z.infer<typeof ResetVoidPasswordResponse>;

/**
 * Terminals a person picked in the fleet list, as a bulk action's target:
 * - `ids`: rows ticked one by one (or every row of a fully loaded list);
 * - `filter`: "all N matching this filter" — the filter itself, not thousands of IDs;
 *   `total` is how many matched when it was chosen (the server resolves the filter again).
 */
export type TerminalSelection =
  { kind: 'ids'; tids: string[] } | { kind: 'filter'; filter: TerminalFilter; total: number };

export function selectionSize(selection: TerminalSelection): number {
  return selection.kind === 'ids' ? selection.tids.length : selection.total;
}

/** The `terminalIds` or `filter` part of a bulk request for a selection. */
export function bulkTargetOf(
  selection: TerminalSelection,
): { terminalIds: string[] } | { filter: TerminalFilter } {
  return selection.kind === 'ids' ? { terminalIds: selection.tids } : { filter: selection.filter };
}

export const BulkResetRequest = z
  .object({
    terminalIds: z.optional(z.array(TerminalId).check(z.minLength(1), z.maxLength(20000))),
    filter: z.optional(TerminalFilter),
    /** The new void password every terminal of the job gets (policy-checked once). */
    newPassword: z.string().check(z.maxLength(64)),
    ticketId: z.optional(z.string().check(z.maxLength(64))),
    reason: z.optional(z.string().check(z.maxLength(500))),
  })
  .check(
    z.refine((b) => (b.terminalIds === undefined) !== (b.filter === undefined), {
      message: 'exactly one of terminalIds or filter',
    }),
  );
export type BulkResetRequest = z.infer<typeof BulkResetRequest>;

/**
 * A bulk reset as it goes: `done` counts terminals whose reset settled (applied, or failed:
 * refused, failed at the terminal, expired, cancelled), `succeeded` those that applied it,
 * `waiting` those whose command is still queued or delivered (they take the old PIN). It is
 * `finished` once every terminal is done.
 */
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
      /** Refused when the job came to it (no command was queued). */
      error: z.optional(z.string()),
      commandStatus: z.optional(PasswordCommandStatus),
      appliedAt: z.optional(Timestamp),
      failureReason: z.optional(z.string()),
      /** Whether the terminal is connected now (an offline one takes no command until it is). */
      online: z.optional(z.boolean()),
    }),
  ),
});
export type BulkResetJob = z.infer<typeof BulkResetJob>;
export const JobResponse = z.object({ job: BulkResetJob });
