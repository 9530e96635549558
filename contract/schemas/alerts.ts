import { z } from 'zod/mini';
import { Count, MerchantId, TerminalId, Timestamp } from './common';

export const AlertKind = z.enum(['default_password', 'lockout', 'void_burst', 'stale_password', 'offline']);
export const Alert = z.object({
  id: z.string(),
  kind: AlertKind,
  severity: z.enum(['info', 'warning', 'critical']),
  merchantId: MerchantId,
  tid: z.optional(TerminalId),
  createdAt: Timestamp,
  summary: z.string(),
  count: z.optional(Count),
});
export type Alert = z.infer<typeof Alert>;
export const AlertList = z.object({ items: z.array(Alert), serverTime: Timestamp });
