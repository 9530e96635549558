import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { isApiError } from '@/api/errors';
import { ErrorNotice } from '@/components/error-notice';
import { FOCUS_ERRORS_OURSELVES, focusFirstError } from '@/components/focus-first-error';
import { Notice } from '@/components/notice';
import { TextField } from '@/components/text-field';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { ErrorCode } from '@contract/schemas/common';
import { StepUpForm as StepUpSchema } from '../api/pin-forms';
import { confirmAccountPassword } from '../api/step-up';
import { FormActions } from './form-actions';
import { useFieldError } from './new-pin-fields';

type Failure = { kind: 'wrong'; attemptsRemaining?: number } | { kind: 'other'; error: unknown };

export function StepUpForm({
  scope,
  username,
  expired,
  onConfirmed,
  onCancel,
  onSessionEnded,
}: {
  scope: string;
  username: string;
  expired: boolean;
  onConfirmed: () => void;
  onCancel: () => void;
  onSessionEnded?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const fieldError = useFieldError();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useForm<StepUpSchema>({
    ...FOCUS_ERRORS_OURSELVES,
    resolver: zodResolver(StepUpSchema),
    defaultValues: { password: '' },
  });

  const onSubmit = form.handleSubmit(async ({ password }) => {
    if (pending) return;
    setPending(true);
    setFailure(null);
    try {
      await confirmAccountPassword(scope, password);
      form.reset({ password: '' });
      onConfirmed();
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        onSessionEnded?.();
      } else if (isApiError(error) && error.code === ErrorCode.invalidCredentials) {
        // A wrong password is a secret too: clear it.
        form.setValue('password', '');
        setFailure({ kind: 'wrong', attemptsRemaining: error.attemptsRemaining });
        form.setFocus('password');
      } else {
        // Not an answer about the password (network, throttled): keep it for "Try again",
        // unless the wait is long enough that it should not sit in the field.
        if (isApiError(error) && error.status === 429) form.setValue('password', '');
        setFailure({ kind: 'other', error });
      }
    } finally {
      setPending(false);
    }
  }, focusFirstError(form));

  const wrong =
    failure?.kind === 'wrong'
      ? failure.attemptsRemaining === undefined
        ? t('passwords.stepUp.wrong')
        : t('passwords.stepUp.wrongWithAttempts', {
            count: failure.attemptsRemaining,
            formatted: format.number(failure.attemptsRemaining),
          })
      : undefined;

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
      {expired ? <Notice tone="warning">{t('passwords.stepUp.expired')}</Notice> : null}
      <p className="text-sm text-gray-800">{t('passwords.stepUp.why')}</p>
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <TextField
        label={t('passwords.stepUp.password')}
        type="password"
        autoComplete="current-password"
        error={wrong ?? fieldError(form.formState.errors.password?.message)}
        {...form.register('password')}
      />
      {failure?.kind === 'other' ? (
        <ErrorNotice error={failure.error} onRetry={() => void onSubmit()} />
      ) : null}
      <FormActions
        onCancel={onCancel}
        label={t('passwords.stepUp.confirm')}
        pending={pending}
        pendingLabel={t('passwords.stepUp.confirming')}
      />
    </form>
  );
}
