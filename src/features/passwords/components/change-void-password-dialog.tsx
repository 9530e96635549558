import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from '@/i18n/use-translation';
import type { PasswordCommand } from '@/api/schemas/commands';
import type { TerminalDetail } from '@/api/schemas/terminals';
import { MAX_WRONG_VOID_PASSWORD_ATTEMPTS } from '@/api/void-password-policy';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { Notice } from '@/components/notice';
import { useFormat } from '@/i18n/use-format';
import { type RefreshKeys, useChangeVoidPassword } from '../api/mutations';
import { waitingCommandOf } from '../api/open-command';
import { ChangeVoidPasswordForm } from '../api/pin-forms';
import { type Refusal, refusalOf } from '../api/refusal';
import {
  CloseRow,
  DialogStep,
  OpenCommandStep,
  showFieldRefusals,
  isCheckingAgain,
  UnknownOutcomeStep,
  useReread,
} from './dialog-steps';
import { NewPinFields, PinController, useFieldError } from './new-pin-fields';
import { LockedNotice } from './terminal-state-blocks';
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
  const { rereading, reread } = useReread(refreshes);
  const visibility = usePinVisibility();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const form = useForm<ChangeVoidPasswordForm>({
    resolver: zodResolver(ChangeVoidPasswordForm),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  const { state } = change;
  const title = t('passwords.change.title', { tid: terminal.tid });
  const step = { titleId, title, onClose };

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
      await reread();
    } else if (outcome.status === 'failed') {
      const next = refusalOf(outcome.error);
      setRefusal(next);
      if (next.kind !== 'fields') return;
      showFieldRefusals(form, next.fields);
      if (next.fields.some((problem) => problem.field === 'currentPassword')) {
        // A wrong PIN is a secret too: cleared, ready for the next try.
        form.setValue('currentPassword', '');
        form.setFocus('currentPassword');
      }
    }
  });

  if (refusal?.kind === 'locked' || terminal.voidPassword.state === 'locked') {
    const lockedUntil = refusal?.kind === 'locked' ? refusal.lockedUntil : terminal.voidPassword.lockedUntil;
    return (
      <DialogStep key="locked" {...step} focusTitle={refusal !== null}>
        <LockedNotice lockedUntil={lockedUntil} onResetInstead={onResetInstead} />
        <CloseRow onClose={onClose} />
      </DialogStep>
    );
  }

  const checking = isCheckingAgain(state);
  if (state.status === 'unknown' || checking) {
    return (
      <UnknownOutcomeStep
        key="unknown"
        {...step}
        what={t('passwords.change.what')}
        terminal={terminal}
        rereading={rereading}
        checking={checking}
        onCheckAgain={() => void send()}
      />
    );
  }

  if (waitingCommandOf(terminal) || refusal?.kind === 'open-command') {
    return (
      <OpenCommandStep
        key="open-command"
        {...step}
        focusTitle={refusal !== null}
        terminal={terminal}
        refreshes={refreshes}
        canCancel={canCancel}
      />
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
      {refusal?.kind === 'other' ? <ErrorNotice error={refusal.error} onRetry={() => void send()} /> : null}
      <form method="post" noValidate onSubmit={send} className="space-y-4">
        <PinController
          control={form.control}
          name="currentPassword"
          label={t('passwords.fields.current.label')}
          autoComplete="current-password"
          visibility={visibility}
          readOnly={pending}
          error={() => currentError}
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
    </DialogStep>
  );
}
