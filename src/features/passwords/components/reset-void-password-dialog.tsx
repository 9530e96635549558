import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { OPEN_COMMAND_STATUSES, type PasswordCommand } from '@/api/schemas/commands';
import type { ResetVoidPasswordRequest, TerminalDetail } from '@/api/schemas/terminals';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { ExportButton } from '@/components/export-button';
import { useFormat } from '@/i18n/use-format';
import type { VoidPasswordAccess } from '../api/access';
import { exportTerminalTransactions } from '../api/export';
import { type RefreshKeys, useRefresh, useResetVoidPassword } from '../api/mutations';
import { resetVoidPasswordForm, type ResetVoidPasswordForm, ticketOf } from '../api/pin-forms';
import { type Refusal, refusalOf } from '../api/refusal';
import { useStepUp } from '../api/step-up';
import { DialogHeading } from './dialog-heading';
import { NewPinFields } from './new-pin-fields';
import { OutcomeUnknown } from './outcome-unknown';
import { StepUpForm } from './step-up-form';
import { TemporaryPinPanel } from './temporary-pin-panel';
import { OpenCommandRefusal, TerminalReread } from './terminal-state-blocks';
import { TicketFields } from './ticket-fields';
import { usePinVisibility } from './use-pin-visibility';

export interface ResetVoidPasswordDialogProps {
  open: boolean;
  terminal: TerminalDetail;
  access: VoidPasswordAccess;
  refreshes: RefreshKeys;
  onClose: () => void;
  /** The reset is queued (and a temporary PIN, if any, was noted). */
  onSent: (command: PasswordCommand) => void;
}

/**
 * Reset (the void password is forgotten): the account password again (step-up), a backup
 * of the terminal's sales offered, then a new PIN chosen now or a temporary one shown once;
 * support gives a ticket and a reason — DESIGN §2.
 */
export function ResetVoidPasswordDialog(props: ResetVoidPasswordDialogProps) {
  const titleId = useId();
  const [pinOnScreen, setPinOnScreen] = useState(false);
  return (
    <Dialog
      open={props.open}
      // While the temporary PIN is on screen, only "I have noted it" closes the dialog.
      onCancel={pinOnScreen ? () => undefined : props.onClose}
      labelledBy={titleId}
    >
      <ResetContent {...props} titleId={titleId} onPinOnScreen={setPinOnScreen} />
    </Dialog>
  );
}

function ResetContent({
  terminal,
  access,
  refreshes,
  onClose,
  onSent,
  titleId,
  onPinOnScreen,
}: ResetVoidPasswordDialogProps & { titleId: string; onPinOnScreen: (onScreen: boolean) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tid = terminal.tid;
  const reset = useResetVoidPassword(tid, refreshes);
  const refresh = useRefresh(refreshes);
  const stepUp = useStepUp(access.userId);
  const visibility = usePinVisibility();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [stepUpExpired, setStepUpExpired] = useState(false);
  const [arrivedFromStepUp, setArrivedFromStepUp] = useState(false);
  const [rereading, setRereading] = useState(false);
  // The user sent while the confirmation had run out: send once they confirm again.
  const [sendAfterStepUp, setSendAfterStepUp] = useState(false);
  const backupId = useId();
  const schema = useMemo(
    () => resetVoidPasswordForm({ ticketRequired: access.ticketRequired }),
    [access.ticketRequired],
  );
  const form = useForm<ResetVoidPasswordForm>({
    resolver: zodResolver(schema),
    defaultValues: {
      // Support usually reads a PIN out to the merchant: a temporary one, changed at first use.
      mode: access.ticketRequired ? 'temporary' : 'choose',
      newPassword: '',
      confirmPassword: '',
      ticketId: '',
      reason: '',
    },
  });
  const mode = useWatch({ control: form.control, name: 'mode' });
  const { state } = reset;

  const send = form.handleSubmit(async (values) => {
    visibility.hideAll();
    setRefusal(null);
    const token = stepUp.token();
    if (!token && state.status !== 'unknown') {
      // The confirmation ran out while the form was open: ask again, then send.
      setSendAfterStepUp(true);
      setStepUpExpired(true);
      return;
    }
    const body: ResetVoidPasswordRequest =
      values.mode === 'temporary'
        ? { generateTemporary: true, ...ticketOf(values) }
        : { newPassword: values.newPassword, ...ticketOf(values) };
    const outcome = await reset.run({ body, stepUpToken: token ?? undefined });
    if (!outcome) return;
    if (outcome.status === 'succeeded') {
      if (outcome.result.temporaryPassword) onPinOnScreen(true);
      else onSent(outcome.result.command);
    } else if (outcome.status === 'unknown') {
      setRereading(true);
      await refresh();
      setRereading(false);
    } else if (outcome.status === 'failed') {
      const next = refusalOf(outcome.error);
      if (next.kind === 'step-up') {
        stepUp.drop();
        setSendAfterStepUp(true);
        setStepUpExpired(true);
        return;
      }
      setRefusal(next);
      if (next.kind !== 'fields') return;
      for (const problem of next.fields) {
        form.setError(problem.field as keyof ResetVoidPasswordForm, {
          type: 'server',
          message: problem.message,
        });
      }
      if (next.fields[0]) form.setFocus(next.fields[0].field as keyof ResetVoidPasswordForm);
    }
  });

  const title = (focusOnMount: boolean) => (
    <DialogHeading id={titleId} focusOnMount={focusOnMount}>
      {t('passwords.reset.title', { tid })}
    </DialogHeading>
  );

  if (state.status === 'succeeded' && state.result.temporaryPassword) {
    const { command } = state.result;
    return (
      <TemporaryPinPanel
        pin={state.result.temporaryPassword}
        tid={tid}
        offline={terminal.status === 'offline'}
        titleId={titleId}
        onNoted={() => {
          reset.reset();
          onPinOnScreen(false);
          onSent(command);
        }}
      />
    );
  }

  const checking = state.status === 'pending' && state.checking;
  if (state.status === 'unknown' || checking) {
    return (
      <div key="unknown" className="space-y-4">
        {title(true)}
        <OutcomeUnknown
          what={t('passwords.reset.what')}
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
    (openCommand && OPEN_COMMAND_STATUSES.includes(openCommand.status) && state.status !== 'succeeded') ||
    refusal?.kind === 'open-command'
  ) {
    return (
      <div key="open-command" className="space-y-4">
        {title(refusal !== null)}
        <OpenCommandRefusal terminal={terminal} refreshes={refreshes} canCancel={access.canCancel} />
        <div className="flex justify-end">
          <Button variant="secondary" onClick={onClose}>
            {t('passwords.dialog.close')}
          </Button>
        </div>
      </div>
    );
  }

  if (stepUp.validUntil === null) {
    return (
      <div key="step-up" className="space-y-4">
        {title(stepUpExpired)}
        <StepUpForm
          scope={access.userId}
          username={access.username}
          expired={stepUpExpired}
          onCancel={onClose}
          onConfirmed={() => {
            setStepUpExpired(false);
            setArrivedFromStepUp(true);
            if (sendAfterStepUp) {
              setSendAfterStepUp(false);
              void send();
            }
          }}
        />
      </div>
    );
  }

  const pending = state.status === 'pending';
  return (
    <div key="form" className="space-y-4">
      {title(arrivedFromStepUp)}
      <p className="text-sm text-gray-800">{t('passwords.reset.intro')}</p>
      <p className="text-xs text-gray-700">
        {t('passwords.stepUp.confirmedUntil', { time: format.hourMinute(stepUp.validUntil) })}
      </p>
      <section
        aria-labelledby={backupId}
        className="space-y-2 rounded-md border border-blue-200 bg-blue-50 p-3"
      >
        <h3 id={backupId} className="text-sm font-semibold text-blue-950">
          {t('passwords.reset.backupTitle')}
        </h3>
        <p className="text-sm text-blue-950">{t('passwords.reset.backupBody')}</p>
        <ExportButton
          download={(options) => exportTerminalTransactions(tid, options)}
          label={t('passwords.reset.backupButton')}
          fallbackName={`transactions-${tid}.csv`}
        />
      </section>
      {refusal?.kind === 'other' ? <ErrorNotice error={refusal.error} onRetry={() => void send()} /> : null}
      <form method="post" noValidate onSubmit={send} className="space-y-4">
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-gray-900">{t('passwords.reset.modeLegend')}</legend>
          <label className="flex items-start gap-2 text-sm text-gray-900">
            <input
              type="radio"
              value="choose"
              className="focus-ring mt-0.5 h-4 w-4 accent-blue-700"
              {...form.register('mode')}
            />
            <span>{t('passwords.reset.modeChoose')}</span>
          </label>
          <label className="flex items-start gap-2 text-sm text-gray-900">
            <input
              type="radio"
              value="temporary"
              className="focus-ring mt-0.5 h-4 w-4 accent-blue-700"
              {...form.register('mode')}
            />
            <span>
              {t('passwords.reset.modeTemporary')}
              <span className="block text-xs text-gray-700">{t('passwords.reset.modeTemporaryHint')}</span>
            </span>
          </label>
        </fieldset>
        {mode === 'choose' ? (
          <NewPinFields control={form.control} visibility={visibility} readOnly={pending} />
        ) : null}
        {access.ticketRequired ? (
          <TicketFields register={form.register} errors={form.formState.errors} readOnly={pending} />
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('passwords.dialog.cancel')}
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? t('passwords.dialog.sending') : t('passwords.reset.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
