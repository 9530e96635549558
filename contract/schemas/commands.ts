import { z } from 'zod/mini';
import { TerminalId, Timestamp } from './common';

export const PasswordCommandStatus = z.enum([
  'queued',
  'delivered',
  'applied',
  'failed',
  'expired',
  'cancelled',
]);
export type PasswordCommandStatus = z.infer<typeof PasswordCommandStatus>;
export const OPEN_COMMAND_STATUSES: readonly PasswordCommandStatus[] = ['queued', 'delivered'];

/** `change` and `reset` set the void password; `firmware` installs the model's current release (no secret). */
export const CommandKind = z.enum(['change', 'reset', 'firmware']);
export type CommandKind = z.infer<typeof CommandKind>;

export const PasswordCommand = z.object({
  id: z.string(),
  tid: TerminalId,
  kind: CommandKind,
  status: PasswordCommandStatus,
  requestedBy: z.string(),
  requestedAt: Timestamp,
  deliveredAt: z.optional(Timestamp),
  appliedAt: z.optional(Timestamp),
  cancelledAt: z.optional(Timestamp),
  failureReason: z.optional(z.string()),
  expiresAt: Timestamp,
  temporary: z.optional(z.boolean()),
  /** A `firmware` command's target release. */
  firmwareVersion: z.optional(z.string()),
});
export type PasswordCommand = z.infer<typeof PasswordCommand>;

export const CommandResponse = z.object({ command: PasswordCommand });
export const CommandList = z.object({ items: z.array(PasswordCommand), serverTime: Timestamp });
