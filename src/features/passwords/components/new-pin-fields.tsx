import { type ReactNode, useId } from 'react';
import { type Control, Controller, type FieldValues, type Path } from 'react-hook-form';
import type { MessageKey } from '@/i18n/messages';
import { useTranslation } from '@/i18n/use-translation';
import { PinField } from './pin-field';
import { PinPolicyFeedback } from './pin-policy-feedback';
import type { usePinVisibility } from './use-pin-visibility';

interface NewPinValues {
  newPassword: string;
  confirmPassword: string;
}

/** Policy rules are listed by the feedback instead. */
export function useFieldError() {
  const { t } = useTranslation();
  return (message: string | undefined): string | undefined =>
    message ? t(message as MessageKey) : undefined;
}

const isPolicyRule = (message: string | undefined) => message?.startsWith('passwords.rules.') ?? false;

export function PinController<T extends FieldValues>({
  control,
  name,
  label,
  autoComplete,
  visibility,
  readOnly,
  error,
  below,
}: {
  control: Control<T>;
  name: Path<T>;
  label: string;
  autoComplete: 'new-password' | 'current-password';
  visibility: ReturnType<typeof usePinVisibility>;
  readOnly: boolean;
  error: (message: string | undefined) => string | undefined;
  below?: (value: string, message: string | undefined, id: string) => ReactNode;
}) {
  const belowId = useId();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <div>
          <PinField
            label={label}
            autoComplete={autoComplete}
            name={field.name}
            ref={field.ref}
            value={field.value as string}
            onChange={field.onChange}
            onBlur={field.onBlur}
            shown={visibility.isShown(name)}
            onToggleShown={() => visibility.toggle(name)}
            error={error(fieldState.error?.message)}
            describedBy={below ? belowId : undefined}
            readOnly={readOnly}
          />
          {below?.(field.value as string, fieldState.error?.message, belowId)}
        </div>
      )}
    />
  );
}

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
  const fieldError = useFieldError();
  return (
    <>
      <PinController
        control={control}
        name={'newPassword' as Path<T>}
        label={t('passwords.fields.newPin.label')}
        autoComplete="new-password"
        visibility={visibility}
        readOnly={readOnly}
        error={(message) =>
          isPolicyRule(message) ? t('passwords.fields.newPin.fixRules') : fieldError(message)
        }
        below={(value, message, id) => (
          <PinPolicyFeedback
            id={id}
            value={value}
            emphasize={isPolicyRule(message)}
            refused={message !== undefined && !isPolicyRule(message)}
          />
        )}
      />
      <PinController
        control={control}
        name={'confirmPassword' as Path<T>}
        label={t('passwords.fields.confirm.label')}
        autoComplete="new-password"
        visibility={visibility}
        readOnly={readOnly}
        error={fieldError}
      />
    </>
  );
}
