import { useId } from 'react';
import { type Control, Controller, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { MessageKey } from '@/i18n/messages';
import { PinField } from './pin-field';
import { PinPolicyFeedback } from './pin-policy-feedback';
import type { usePinVisibility } from './use-pin-visibility';

interface NewPinValues {
  newPassword: string;
  confirmPassword: string;
}

/** An error message key of a form field, in words; policy rules are listed by the feedback instead. */
export function useFieldError() {
  const { t } = useTranslation();
  return (message: string | undefined): string | undefined =>
    message ? t(message as MessageKey) : undefined;
}

const isPolicyRule = (message: string | undefined) => message?.startsWith('passwords.rules.') ?? false;

/** New void password + confirmation, with the policy checked as the user types. */
export function NewPinFields<T extends FieldValues & NewPinValues>({
  control,
  visibility,
  readOnly = false,
}: {
  control: Control<T>;
  visibility: ReturnType<typeof usePinVisibility>;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const feedbackId = useId();
  const fieldError = useFieldError();
  return (
    <>
      <Controller
        control={control}
        name={'newPassword' as Path<T>}
        render={({ field, fieldState }) => {
          const message = fieldState.error?.message;
          return (
            <div>
              <PinField
                label={t('passwords.fields.newPin.label')}
                autoComplete="new-password"
                name={field.name}
                ref={field.ref}
                value={field.value as string}
                onChange={field.onChange}
                onBlur={field.onBlur}
                shown={visibility.isShown('newPassword')}
                onToggleShown={() => visibility.toggle('newPassword')}
                error={isPolicyRule(message) ? t('passwords.fields.newPin.fixRules') : fieldError(message)}
                describedBy={feedbackId}
                readOnly={readOnly}
              />
              <PinPolicyFeedback
                id={feedbackId}
                value={field.value as string}
                emphasize={isPolicyRule(message)}
              />
            </div>
          );
        }}
      />
      <Controller
        control={control}
        name={'confirmPassword' as Path<T>}
        render={({ field, fieldState }) => (
          <PinField
            label={t('passwords.fields.confirm.label')}
            autoComplete="new-password"
            name={field.name}
            ref={field.ref}
            value={field.value as string}
            onChange={field.onChange}
            onBlur={field.onBlur}
            shown={visibility.isShown('confirmPassword')}
            onToggleShown={() => visibility.toggle('confirmPassword')}
            error={fieldError(fieldState.error?.message)}
            readOnly={readOnly}
          />
        )}
      />
    </>
  );
}
