import { useId } from 'react';
import type { FieldErrors, FieldValues, Path, UseFormRegister } from 'react-hook-form';
import { FieldError } from '@/components/field-error';
import { TextField } from '@/components/text-field';
import { useTranslation } from '@/i18n/use-translation';
import { useFieldError } from './new-pin-fields';

interface TicketValues {
  ticketId: string;
  reason: string;
}

export function TicketFields<T extends FieldValues & TicketValues>({
  register,
  errors,
  readOnly = false,
}: {
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const reasonId = useId();
  const reasonHintId = `${reasonId}-hint`;
  const reasonErrorId = `${reasonId}-error`;
  const reasonError = fieldError(errors.reason?.message as string | undefined);
  return (
    <fieldset className="space-y-3 rounded-md border border-gray-200 p-3">
      <legend className="px-1 text-sm font-semibold text-gray-900">{t('passwords.ticket.legend')}</legend>
      <p className="text-sm text-gray-700">{t('passwords.ticket.why')}</p>
      <TextField
        label={t('passwords.ticket.id')}
        autoComplete="off"
        spellCheck={false}
        readOnly={readOnly}
        error={fieldError(errors.ticketId?.message as string | undefined)}
        {...register('ticketId' as Path<T>)}
      />
      <div>
        <label htmlFor={reasonId} className="block text-sm font-medium text-gray-900">
          {t('passwords.ticket.reason')}
        </label>
        <p id={reasonHintId} className="text-xs text-gray-700">
          {t('passwords.ticket.reasonHint')}
        </p>
        <textarea
          id={reasonId}
          rows={2}
          readOnly={readOnly}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={[reasonHintId, reasonError ? reasonErrorId : null].filter(Boolean).join(' ')}
          className={[
            'focus-ring mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base text-gray-900 shadow-sm read-only:bg-gray-100 sm:text-sm',
            reasonError ? 'border-red-600' : 'border-gray-400',
          ].join(' ')}
          {...register('reason' as Path<T>)}
        />
        <FieldError id={reasonErrorId} error={reasonError} />
      </div>
    </fieldset>
  );
}
