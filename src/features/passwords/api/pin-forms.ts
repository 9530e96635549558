import { z } from 'zod/mini';
import { VOID_PASSWORD_LENGTH } from '@contract/void-password-policy';
import type { MessageKey } from '@/i18n/messages';
import { brokenPinRules } from './pin-rules';

/** Messages are i18n keys, translated where shown; the server has the final say. */

const message = (key: MessageKey) => key;

type RefinementCtx = z.core.$RefinementCtx;

export const VoidPinField = z.string().check(
  z.superRefine((value, ctx) => {
    for (const key of brokenPinRules(value)) ctx.addIssue({ code: 'custom', message: key });
  }),
);

/** Only its shape is checked: the current PIN may well be 123456. */
export const CurrentVoidPinField = z
  .string()
  .check(
    z.minLength(1, message('passwords.fields.current.required')),
    z.regex(new RegExp(`^\\d{${VOID_PASSWORD_LENGTH}}$`), message('passwords.fields.current.format')),
  );

export const TicketIdField = z
  .string()
  .check(z.trim(), z.maxLength(64, message('passwords.ticket.idTooLong')));
export const ReasonField = z
  .string()
  .check(z.trim(), z.maxLength(500, message('passwords.ticket.reasonTooLong')));

export const AccountPasswordField = z
  .string()
  .check(
    z.minLength(1, message('passwords.stepUp.required')),
    z.maxLength(256, message('passwords.stepUp.tooLong')),
  );

export const StepUpForm = z.object({ password: AccountPasswordField });
export type StepUpForm = z.infer<typeof StepUpForm>;

interface NewPinValues {
  newPassword: string;
  confirmPassword: string;
}

function confirmMatches(values: NewPinValues, ctx: RefinementCtx): void {
  if (values.confirmPassword === '') {
    ctx.addIssue({
      code: 'custom',
      path: ['confirmPassword'],
      message: message('passwords.fields.confirm.required'),
    });
  } else if (values.confirmPassword !== values.newPassword) {
    ctx.addIssue({
      code: 'custom',
      path: ['confirmPassword'],
      message: message('passwords.fields.confirm.mismatch'),
    });
  }
}

function ticketGiven(values: { ticketId: string; reason: string }, ctx: RefinementCtx): void {
  if (!values.ticketId) {
    ctx.addIssue({ code: 'custom', path: ['ticketId'], message: message('passwords.ticket.idRequired') });
  }
  if (!values.reason) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: message('passwords.ticket.reasonRequired') });
  }
}

export const ChangeVoidPasswordForm = z
  .object({
    currentPassword: CurrentVoidPinField,
    newPassword: VoidPinField,
    confirmPassword: z.string(),
  })
  .check(
    z.superRefine((values, ctx) => {
      confirmMatches(values, ctx);
      if (values.newPassword !== '' && values.newPassword === values.currentPassword) {
        ctx.addIssue({
          code: 'custom',
          path: ['newPassword'],
          message: message('passwords.fields.newPin.sameAsCurrent'),
        });
      }
    }),
  );
export type ChangeVoidPasswordForm = z.infer<typeof ChangeVoidPasswordForm>;

export type ResetMode = 'choose' | 'temporary';

const ResetFields = z.object({
  mode: z.enum(['choose', 'temporary']),
  newPassword: z.string(),
  confirmPassword: z.string(),
  ticketId: TicketIdField,
  reason: ReasonField,
});
export type ResetVoidPasswordForm = z.infer<typeof ResetFields>;

export function resetVoidPasswordForm({ ticketRequired }: { ticketRequired: boolean }) {
  return ResetFields.check(
    z.superRefine((values, ctx) => {
      if (values.mode === 'choose') {
        const pin = VoidPinField.safeParse(values.newPassword);
        for (const issue of pin.error?.issues ?? []) {
          ctx.addIssue({ code: 'custom', path: ['newPassword'], message: issue.message });
        }
        confirmMatches(values, ctx);
      }
      if (ticketRequired) ticketGiven(values, ctx);
    }),
  );
}

const BulkResetFields = z.object({
  newPassword: VoidPinField,
  confirmPassword: z.string(),
  ticketId: TicketIdField,
  reason: ReasonField,
});
export type BulkResetForm = z.infer<typeof BulkResetFields>;

/** No temporary PINs in bulk: nobody could note them all. */
export function bulkResetForm({ ticketRequired }: { ticketRequired: boolean }) {
  return BulkResetFields.check(
    z.superRefine((values, ctx) => {
      confirmMatches(values, ctx);
      if (ticketRequired) ticketGiven(values, ctx);
    }),
  );
}

export function ticketOf(values: { ticketId: string; reason: string }): {
  ticketId?: string;
  reason?: string;
} {
  return {
    ...(values.ticketId ? { ticketId: values.ticketId } : {}),
    ...(values.reason ? { reason: values.reason } : {}),
  };
}
