import { z } from 'zod';
import { MerchantId, TerminalId, Timestamp } from './common';

export const AlertKind = z.enum(['default_password', 'lockout', 'void_burst', 'stale_password', 'offline']);
export const Alert = z.object({
  id: z.string(),
  kind: AlertKind,
  severity: z.enum(['info', 'warning', 'critical']),
  merchantId: MerchantId,
  tid: TerminalId.optional(),
  createdAt: Timestamp,
  summary: z.string(),
  /** How many terminals or voids the alert counts, for "37 terminals on the factory password". */
  count: z.number().int().nonnegative().optional(),
});
export type Alert = z.infer<typeof Alert>;
export const AlertList = z.object({ items: z.array(Alert), serverTime: Timestamp });
