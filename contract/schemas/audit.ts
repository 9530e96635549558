import { z } from 'zod/mini';
import { Count, MerchantId, Role, TerminalId, Timestamp } from './common';

export const AuditAction = z.enum([
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.step_up',
  'auth.step_up_failed',
  'void_password.change_requested',
  'void_password.reset_requested',
  'void_password.wrong_attempt',
  'void_password.locked',
  'void_password.applied',
  'void_password.changed_at_terminal',
  'command.cancelled',
  'command.expired',
  'command.failed',
  'bulk_reset.started',
  'transactions.exported',
  'terminals.exported',
  'terminal.activated',
  'terminal.revoked',
  'firmware.update_requested',
  'firmware.updated',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEvent = z.object({
  id: z.string(),
  at: Timestamp,
  actor: z.string(),
  actorRole: z.union([z.union([Role, z.literal('terminal')]), z.literal('system')]),
  action: AuditAction,
  merchantId: z.nullable(MerchantId),
  tid: z.nullable(TerminalId),
  target: z.nullable(z.string()),
  outcome: z.enum(['success', 'failure']),
  ticketId: z.nullable(z.string()),
  reason: z.nullable(z.string()),
  clientIp: z.nullable(z.string()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  merchantId: z.optional(MerchantId),
  terminalId: z.optional(TerminalId),
  actor: z.optional(z.string()),
  type: z.optional(AuditAction),
  /** Case, spaces and dashes do not matter. */
  ticketId: z.optional(z.string().check(z.maxLength(64))),
  from: z.optional(Timestamp),
  to: z.optional(Timestamp),
  cursor: z.optional(z.string()),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500))),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditPage = z.object({
  items: z.array(AuditEvent),
  nextCursor: z.nullable(z.string()),
  total: Count,
  serverTime: Timestamp,
});
export type AuditPage = z.infer<typeof AuditPage>;
