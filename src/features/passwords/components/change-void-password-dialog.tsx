import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { FOCUS_ERRORS_OURSELVES } from '@/components/focus-first-error';
import { Notice } from '@/components/notice';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import type { PasswordCommand } from '@contract/schemas/commands';
import type { TerminalDetail } from '@contract/schemas/terminals';
import { MAX_WRONG_VOID_PASSWORD_ATTEMPTS } from '@contract/void-password-policy';
import { useChangeVoidPassword } from '../api/mutations';
import { ChangeVoidPasswordForm } from '../api/pin-forms';
import { REFRESHED_BY_COMMANDS } from '../api/refreshes';
import { CloseRow, DialogStep } from './dialog-steps';
import { FormActions } from './form-actions';
import { NewPinFields, PinController, useFieldError } from './new-pin-fields';
import { LockedNotice } from './terminal-state-blocks';
import { useVoidPasswordFlow } from './use-void-password-flow';

export interface ChangeVoidPasswordDialogProps {
  open: boolean;
  terminal: TerminalDetail;
  canCancel: boolean;
  onClose: () => void;
  onSent: (command: PasswordCommand) => void;
  onResetInstead?: (() => void) | undefined;
  /** The session ended as the change was sent: it was not. */
  onSessionEnded?: (() => void) | undefined;
}

export function ChangeVoidPasswordDialog(props: ChangeVoidPasswordDialogProps) {
  const titleId = useId();
  return (
    <Dialog open={props.open} onCancel={props.onClose} labelledBy={titleId}>
      <ChangeContent {...props} titleId={titleId} />
    </Dialog>
  );
}

const EMPTY: ChangeVoidPasswordForm = { currentPassword: '', newPassword: '', confirmPassword: '' };

function ChangeContent({
  terminal,
  canCancel,
  onClose,
  onSent,
  onResetInstead,
  onSessionEnded,
  titleId,
}: ChangeVoidPasswordDialogProps & { titleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fieldError = useFieldError();
  const change = useChangeVoidPassword(terminal.tid);
  const form = useForm<ChangeVoidPasswordForm>({
    ...FOCUS_ERRORS_OURSELVES,
    resolver: zodResolver(ChangeVoidPasswordForm),
    defaultValues: EMPTY,
  });
  const flow = useVoidPasswordFlow({
    action: change,
    form,
    refreshes: REFRESHED_BY_COMMANDS,
    onSessionEnded,
    toInput: (values) => ({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSucceeded: onSent,
    onRefused: (refusal) => {
      if (
        refusal.kind === 'fields' &&
        refusal.fields.some((problem) => problem.field === 'currentPassword')
      ) {
        // A wrong PIN is a secret too: cleared (the refusal then goes on the field, focused).
        form.setValue('currentPassword', '');
      }
      return false;
    },
  });
  const { errors } = form.formState;
  const { refusal, pending } = flow;
  const title = t('passwords.change.title', { tid: terminal.tid });
  const step = { titleId, title, onClose };

  if (refusal?.kind === 'locked' || terminal.voidPassword.state === 'locked') {
    const lockedUntil = refusal?.kind === 'locked' ? refusal.lockedUntil : terminal.voidPassword.lockedUntil;
    return (
      <DialogStep key="locked" {...step} focusTitle={refusal !== null}>
        <LockedNotice lockedUntil={lockedUntil} onResetInstead={onResetInstead} />
        <CloseRow onClose={onClose} />
      </DialogStep>
    );
  }

  const before = flow.stepBeforeForm({ ...step, what: t('passwords.change.what'), terminal, canCancel });
  if (before) return before;

  const attemptsRemaining =
    errors.currentPassword?.type === 'server' && refusal?.kind === 'fields'
      ? refusal.attemptsRemaining
      : undefined;
  const wrongCurrent = attemptsRemaining !== undefined;
  const currentError = wrongCurrent
    ? t('passwords.errors.wrongCurrentAttempts', {
        count: attemptsRemaining,
        formatted: format.number(attemptsRemaining),
      })
    : fieldError(errors.currentPassword?.message);
  // One message per failure: while the field says how many tries are left, the notice does not.
  const attempts = wrongCurrent ? 0 : terminal.voidPassword.failedAttempts;

  return (
    <DialogStep key="form" {...step} focusTitle={false}>
      <p className="text-sm text-gray-800">{t('passwords.change.intro')}</p>
      {attempts > 0 ? (
        <Notice tone="warning">
          {t('passwords.change.attemptsSoFar', {
            count: attempts,
            left: Math.max(0, MAX_WRONG_VOID_PASSWORD_ATTEMPTS - attempts),
          })}
        </Notice>
      ) : null}
      {refusal?.kind === 'other' ? (
        <ErrorNotice error={refusal.error} onRetry={() => void flow.send()} />
      ) : null}
      {(attempts > 0 || wrongCurrent) && onResetInstead ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-gray-800">
          <p>{t('passwords.change.forgotten')}</p>
          <Button variant="secondary" onClick={onResetInstead}>
            {t('passwords.change.resetInstead')}
          </Button>
        </div>
      ) : null}
      <form method="post" noValidate onSubmit={flow.send} className="space-y-4">
        <PinController
          control={form.control}
          name="currentPassword"
          label={t('passwords.fields.current.label')}
          autoComplete="current-password"
          visibility={flow.visibility}
          readOnly={pending}
          error={() => currentError}
        />
        <NewPinFields control={form.control} visibility={flow.visibility} readOnly={pending} />
        <FormActions onCancel={onClose} label={t('passwords.change.submit')} pending={pending} />
      </form>
    </DialogStep>
  );
}
