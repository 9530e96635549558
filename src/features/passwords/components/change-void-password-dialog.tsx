import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { OPEN_COMMAND_STATUSES, type PasswordCommand } from '@/api/schemas/commands';
import type { TerminalDetail } from '@/api/schemas/terminals';
import { MAX_WRONG_VOID_PASSWORD_ATTEMPTS } from '@/api/void-password-policy';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { Notice } from '@/components/notice';
import { useFormat } from '@/i18n/use-format';
import { type RefreshKeys, useChangeVoidPassword, useRefresh } from '../api/mutations';
import { ChangeVoidPasswordForm } from '../api/pin-forms';
import { type Refusal, refusalOf } from '../api/refusal';
import { DialogHeading } from './dialog-heading';
import { NewPinFields, useFieldError } from './new-pin-fields';
import { OutcomeUnknown } from './outcome-unknown';
import { PinField } from './pin-field';
import { LockedNotice, OpenCommandRefusal, TerminalReread } from './terminal-state-blocks';
import { usePinVisibility } from './use-pin-visibility';

export interface ChangeVoidPasswordDialogProps {
  open: boolean;
  terminal: TerminalDetail;
  refreshes: RefreshKeys;
  canCancel: boolean;
  onClose: () => void;
  /** The command is queued: the dialog's job is done. */
  onSent: (command: PasswordCommand) => void;
  /** Offered when the void password is locked and the user may reset it. */
  onResetInstead?: (() => void) | undefined;
}

/** Change (the current void password is known): current, new, confirm — DESIGN §2. */
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
  refreshes,
  canCancel,
  onClose,
  onSent,
  onResetInstead,
  titleId,
}: ChangeVoidPasswordDialogProps & { titleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fieldError = useFieldError();
  const change = useChangeVoidPassword(terminal.tid, refreshes);
  const refresh = useRefresh(refreshes);
  const visibility = usePinVisibility();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [rereading, setRereading] = useState(false);
  const form = useForm<ChangeVoidPasswordForm>({
    resolver: zodResolver(ChangeVoidPasswordForm),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const { state } = change;
  const title = (
    <DialogHeading id={titleId}>{t('passwords.change.title', { tid: terminal.tid })}</DialogHeading>
  );

  const send = form.handleSubmit(async (values) => {
    visibility.hideAll();
    setRefusal(null);
    const outcome = await change.run({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (!outcome) return;
    if (outcome.status === 'succeeded') {
      onSent(outcome.result);
    } else if (outcome.status === 'unknown') {
      setRereading(true);
      await refresh();
      setRereading(false);
    } else if (outcome.status === 'failed') {
      const next = refusalOf(outcome.error);
      setRefusal(next);
      if (next.kind !== 'fields') return;
      for (const problem of next.fields)
        form.setError(problem.field as keyof ChangeVoidPasswordForm, {
          type: 'server',
          message: problem.message,
        });
      if (next.fields.some((problem) => problem.field === 'currentPassword')) {
        // A wrong PIN is a secret too: cleared, ready for the next try.
        form.setValue('currentPassword', '');
        form.setFocus('currentPassword');
      } else if (next.fields[0]) {
        form.setFocus(next.fields[0].field as keyof ChangeVoidPasswordForm);
      }
    }
  });

  const close = (
    <div className="flex justify-end">
      <Button variant="secondary" onClick={onClose}>
        {t('passwords.dialog.close')}
      </Button>
    </div>
  );

  const lockedUntil =
    refusal?.kind === 'locked'
      ? refusal.lockedUntil
      : terminal.voidPassword.state === 'locked'
        ? terminal.voidPassword.lockedUntil
        : null;
  if (refusal?.kind === 'locked' || terminal.voidPassword.state === 'locked') {
    return (
      <div key="locked" className="space-y-4">
        <DialogHeading id={titleId} focusOnMount={refusal !== null}>
          {t('passwords.change.title', { tid: terminal.tid })}
        </DialogHeading>
        <LockedNotice lockedUntil={lockedUntil} onResetInstead={onResetInstead} />
        {close}
      </div>
    );
  }

  const checking = state.status === 'pending' && state.checking;
  if (state.status === 'unknown' || checking) {
    return (
      <div key="unknown" className="space-y-4">
        <DialogHeading id={titleId} focusOnMount>
          {t('passwords.change.title', { tid: terminal.tid })}
        </DialogHeading>
        <OutcomeUnknown
          what={t('passwords.change.what')}
          reread={<TerminalReread terminal={terminal} rereading={rereading} />}
          checking={checking}
          onCheckAgain={() => void send()}
          onClose={onClose}
        />
      </div>
    );
  }

  const openCommand = terminal.openCommand;
  if (
    (openCommand && OPEN_COMMAND_STATUSES.includes(openCommand.status)) ||
    refusal?.kind === 'open-command'
  ) {
    return (
      <div key="open-command" className="space-y-4">
        <DialogHeading id={titleId} focusOnMount={refusal !== null}>
          {t('passwords.change.title', { tid: terminal.tid })}
        </DialogHeading>
        <OpenCommandRefusal terminal={terminal} refreshes={refreshes} canCancel={canCancel} />
        {close}
      </div>
    );
  }

  const pending = state.status === 'pending';
  const attempts = terminal.voidPassword.failedAttempts;
  const currentError =
    errors.currentPassword?.type === 'server' &&
    refusal?.kind === 'fields' &&
    refusal.attemptsRemaining !== undefined
      ? t('passwords.errors.wrongCurrentAttempts', {
          count: refusal.attemptsRemaining,
          formatted: format.number(refusal.attemptsRemaining),
        })
      : fieldError(errors.currentPassword?.message);

  return (
    <div key="form" className="space-y-4">
      {title}
      <p className="text-sm text-gray-800">{t('passwords.change.intro')}</p>
      {attempts > 0 ? (
        <Notice tone="warning">
          {t('passwords.change.attemptsSoFar', {
            count: attempts,
            left: Math.max(0, MAX_WRONG_VOID_PASSWORD_ATTEMPTS - attempts),
          })}
        </Notice>
      ) : null}
      {refusal?.kind === 'other' ? <ErrorNotice error={refusal.error} onRetry={() => void send()} /> : null}
      <form method="post" noValidate onSubmit={send} className="space-y-4">
        <Controller
          control={form.control}
          name="currentPassword"
          render={({ field }) => (
            <PinField
              label={t('passwords.fields.current.label')}
              autoComplete="current-password"
              name={field.name}
              ref={field.ref}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              shown={visibility.isShown('currentPassword')}
              onToggleShown={() => visibility.toggle('currentPassword')}
              error={currentError}
              readOnly={pending}
            />
          )}
        />
        <NewPinFields control={form.control} visibility={visibility} readOnly={pending} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('passwords.dialog.cancel')}
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? t('passwords.dialog.sending') : t('passwords.change.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
