import { isApiError } from '@/api/errors';
import { ErrorCode } from '@contract/schemas/common';
import type { MessageKey } from '@/i18n/messages';

export type PinFormField = 'currentPassword' | 'newPassword' | 'ticketId' | 'reason';

export interface FieldRefusal {
  field: PinFormField;
  message: MessageKey;
}

export type Refusal =
  | { kind: 'fields'; fields: FieldRefusal[]; attemptsRemaining?: number }
  | { kind: 'locked'; lockedUntil: string | undefined }
  | { kind: 'open-command' }
  | { kind: 'step-up' }
  | { kind: 'other'; error: unknown };

const PIN_CODE_MESSAGES: Record<string, MessageKey> = {
  [ErrorCode.pinFormat]: 'errors.pinFormat',
  [ErrorCode.pinTooSimple]: 'errors.pinTooSimple',
  [ErrorCode.pinDefault]: 'errors.pinDefault',
  [ErrorCode.pinReused]: 'passwords.errors.reused',
};

const FIELDS: readonly PinFormField[] = ['currentPassword', 'newPassword', 'ticketId', 'reason'];

function isFormField(field: string): field is PinFormField {
  return (FIELDS as readonly string[]).includes(field);
}

function fieldMessage(field: PinFormField, code: string): MessageKey {
  const pin = PIN_CODE_MESSAGES[code];
  if (pin && field === 'newPassword') return pin;
  switch (field) {
    case 'ticketId':
      return 'passwords.ticket.idRequired';
    case 'reason':
      return 'passwords.ticket.reasonRequired';
    case 'newPassword':
      return code === 'required' ? 'passwords.fields.newPin.required' : 'errors.pinFormat';
    case 'currentPassword':
      return code === ErrorCode.pinWrongCurrent
        ? 'errors.pinWrongCurrent'
        : 'passwords.fields.current.format';
  }
}

/** Server text is never shown. */
export function refusalOf(error: unknown): Refusal {
  if (!isApiError(error) || error.kind !== 'http') return { kind: 'other', error };
  switch (error.code) {
    case ErrorCode.pinLocked:
      return { kind: 'locked', lockedUntil: error.lockedUntil };
    case ErrorCode.commandAlreadyOpen:
      return { kind: 'open-command' };
    case ErrorCode.stepUpRequired:
      return { kind: 'step-up' };
    case ErrorCode.pinWrongCurrent:
      return {
        kind: 'fields',
        fields: [{ field: 'currentPassword', message: 'errors.pinWrongCurrent' }],
        attemptsRemaining: error.attemptsRemaining,
      };
  }
  const fields: FieldRefusal[] = [];
  for (const problem of error.fieldErrors) {
    if (!isFormField(problem.field) || fields.some((f) => f.field === problem.field)) continue;
    fields.push({ field: problem.field, message: fieldMessage(problem.field, problem.code) });
  }
  if (fields.length === 0 && PIN_CODE_MESSAGES[error.code]) {
    fields.push({ field: 'newPassword', message: PIN_CODE_MESSAGES[error.code]! });
  }
  return fields.length > 0 ? { kind: 'fields', fields } : { kind: 'other', error };
}
