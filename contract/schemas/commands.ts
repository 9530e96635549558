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

export const PasswordCommand = z.object({
  id: z.string(),
  tid: TerminalId,
  kind: z.enum(['change', 'reset']),
  status: PasswordCommandStatus,
  requestedBy: z.string(),
  requestedAt: Timestamp,
  deliveredAt: z.optional(Timestamp),
  appliedAt: z.optional(Timestamp),
  cancelledAt: z.optional(Timestamp),
  failureReason: z.optional(z.string()),
  expiresAt: Timestamp,
  temporary: z.optional(z.boolean()),
});
export type PasswordCommand = z.infer<typeof PasswordCommand>;

export const CommandResponse = z.object({ command: PasswordCommand });
export const CommandList = z.object({ items: z.array(PasswordCommand), serverTime: Timestamp });
