import { z } from 'zod';
import { MerchantId, Role, TerminalId, Timestamp } from './common';

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
  'command.cancelled',
  'command.expired',
  'bulk_reset.started',
  'transactions.exported',
  'terminals.exported',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEvent = z.object({
  id: z.string(),
  at: Timestamp,
  actor: z.string(),
  actorRole: Role.or(z.literal('terminal')).or(z.literal('system')),
  action: AuditAction,
  merchantId: MerchantId.nullable(),
  tid: TerminalId.nullable(),
  target: z.string().nullable(),
  outcome: z.enum(['success', 'failure']),
  ticketId: z.string().nullable(),
  reason: z.string().nullable(),
  clientIp: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  merchantId: MerchantId.optional(),
  terminalId: TerminalId.optional(),
  actor: z.string().optional(),
  type: AuditAction.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditPage = z.object({
  items: z.array(AuditEvent),
  nextCursor: z.string().nullable(),
  total: z.number().int().nonnegative(),
  serverTime: Timestamp,
});
export type AuditPage = z.infer<typeof AuditPage>;
