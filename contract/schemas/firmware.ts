import { z } from 'zod/mini';
import { PasswordCommand } from './commands';
import { Count, TerminalId } from './common';
import { TerminalFilter } from './terminals';

// Firmware updates (issue 16, decision 024): a command of kind `firmware` with the same lifecycle as a PIN
// change, scheduled for one terminal or for a selection at once. No secret is involved.

/** At most this many terminals in one bulk schedule: it is answered at once, terminal by terminal. */
export const FIRMWARE_BULK_MAX = 1000;

export const FirmwareUpdateResponse = z.object({ command: PasswordCommand });
export type FirmwareUpdateResponse = z.infer<typeof FirmwareUpdateResponse>;

export const BulkFirmwareUpdateRequest = z
  .object({
    terminalIds: z.optional(z.array(TerminalId).check(z.minLength(1), z.maxLength(FIRMWARE_BULK_MAX))),
    filter: z.optional(TerminalFilter),
  })
  .check(
    z.refine((b) => (b.terminalIds === undefined) !== (b.filter === undefined), {
      message: 'exactly one of terminalIds or filter',
    }),
  );
export type BulkFirmwareUpdateRequest = z.infer<typeof BulkFirmwareUpdateRequest>;

/**
 * Per terminal: `scheduled` (a command was queued), `already_current` (it runs its model's current release,
 * or its model has none), `busy` (it has an open command; one at a time), `not_found` (unknown, or not yours).
 */
export const FirmwareUpdateOutcome = z.enum(['scheduled', 'already_current', 'busy', 'not_found']);
export type FirmwareUpdateOutcome = z.infer<typeof FirmwareUpdateOutcome>;

export const BulkFirmwareUpdateResult = z.object({
  tid: TerminalId,
  result: FirmwareUpdateOutcome,
  /** The command queued (`scheduled`) or the one already open (`busy`). */
  commandId: z.optional(z.string()),
  /** The release it will install (`scheduled`). */
  firmwareVersion: z.optional(z.string()),
});
export type BulkFirmwareUpdateResult = z.infer<typeof BulkFirmwareUpdateResult>;

export const BulkFirmwareUpdateResponse = z.object({
  total: Count,
  scheduled: Count,
  alreadyCurrent: Count,
  busy: Count,
  notFound: Count,
  results: z.array(BulkFirmwareUpdateResult),
});
export type BulkFirmwareUpdateResponse = z.infer<typeof BulkFirmwareUpdateResponse>;
