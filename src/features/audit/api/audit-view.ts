import { z } from 'zod/mini';
import { AuditAction } from '@contract/schemas/audit';
import { MerchantId, TerminalId } from '@contract/schemas/common';
import { businessDayRange } from '@/components/date-range-fields';
import type { AuditListQuery } from './queries';

export const AuditView = z.object({
  merchantId: z.optional(MerchantId),
  actor: z.optional(z.string().check(z.maxLength(64))),
  action: z.optional(AuditAction),
  terminalId: z.optional(TerminalId),
  ticketId: z.optional(z.string().check(z.maxLength(64))),
  from: z.optional(z.iso.date()),
  to: z.optional(z.iso.date()),
});
export type AuditView = Partial<z.output<typeof AuditView>>;

export const CLEARED_AUDIT_FILTERS = {
  merchantId: undefined,
  actor: undefined,
  action: undefined,
  terminalId: undefined,
  ticketId: undefined,
  from: undefined,
  to: undefined,
} as const;

export function hasAuditFilters(view: AuditView): boolean {
  return Object.values(view).some((value) => value !== undefined);
}

export function auditQueryOf(view: AuditView): AuditListQuery {
  return {
    merchantId: view.merchantId,
    actor: view.actor,
    type: view.action,
    terminalId: view.terminalId,
    ticketId: view.ticketId,
    ...businessDayRange(view.from, view.to),
  };
}

/** i18n keys cannot hold dots: `void_password.reset_requested` → `void_password__reset_requested`. */
export function actionKey(action: AuditAction): string {
  return action.replace('.', '__');
}
