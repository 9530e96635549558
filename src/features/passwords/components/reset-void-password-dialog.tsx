import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from '@/i18n/use-translation';
import type { PasswordCommand } from '@/api/schemas/commands';
import type { ResetVoidPasswordRequest, TerminalDetail } from '@/api/schemas/terminals';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { ExportButton } from '@/components/export-button';
import type { VoidPasswordAccess } from '../api/access';
import { exportTerminalTransactions } from '../api/export';
import { waitingCommandOf } from '../api/open-command';
import { type RefreshKeys, useResetVoidPassword } from '../api/mutations';
import { resetVoidPasswordForm, type ResetVoidPasswordForm, ticketOf } from '../api/pin-forms';
import { type Refusal, refusalOf } from '../api/refusal';
import {
  DialogStep,
  OpenCommandStep,
  showFieldRefusals,
  StepUpValidity,
  isCheckingAgain,
  UnknownOutcomeStep,
  useReread,
  useStepUpGate,
} from './dialog-steps';
import { NewPinFields } from './new-pin-fields';
import { TemporaryPinPanel } from './temporary-pin-panel';
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
  const tid = terminal.tid;
  const reset = useResetVoidPassword(tid, refreshes);
  const { rereading, reread } = useReread(refreshes);
  const gate = useStepUpGate(access);
  const visibility = usePinVisibility();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
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
  const title = t('passwords.reset.title', { tid });
  const step = { titleId, title, onClose };

  const send = form.handleSubmit(async (values) => {
    visibility.hideAll();
    setRefusal(null);
    const token = gate.token();
    // Checking an unknown outcome again needs no fresh step-up: a replay answers as the first time.
    if (!token && state.status !== 'unknown') return gate.askAgain(false);
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
      await reread();
    } else if (outcome.status === 'failed') {
      const next = refusalOf(outcome.error);
      if (next.kind === 'step-up') return gate.askAgain(true);
      setRefusal(next);
      if (next.kind === 'fields') showFieldRefusals(form, next.fields);
    }
  });

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

  const checking = isCheckingAgain(state);
  if (state.status === 'unknown' || checking) {
    return (
      <UnknownOutcomeStep
        key="unknown"
        {...step}
        what={t('passwords.reset.what')}
        terminal={terminal}
        rereading={rereading}
        checking={checking}
        onCheckAgain={() => void send()}
      />
    );
  }

  if ((waitingCommandOf(terminal) && state.status !== 'succeeded') || refusal?.kind === 'open-command') {
    return (
      <OpenCommandStep
        key="open-command"
        {...step}
        focusTitle={refusal !== null}
        terminal={terminal}
        refreshes={refreshes}
        canCancel={access.canCancel}
      />
    );
  }

  if (gate.validUntil === null) {
    return gate.step({ ...step, focusTitle: false, send: () => void send() });
  }

  const pending = state.status === 'pending';
  return (
    <DialogStep key="form" {...step} focusTitle={gate.justConfirmed}>
      <p className="text-sm text-gray-800">{t('passwords.reset.intro')}</p>
      <StepUpValidity validUntil={gate.validUntil} />
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
          {(['choose', 'temporary'] as const).map((choice) => (
            <label key={choice} className="flex items-start gap-2 text-sm text-gray-900">
              <input
                type="radio"
                value={choice}
                className="focus-ring mt-0.5 h-4 w-4 accent-blue-700"
                {...form.register('mode')}
              />
              {choice === 'choose' ? (
                <span>{t('passwords.reset.modeChoose')}</span>
              ) : (
                <span>
                  {t('passwords.reset.modeTemporary')}
                  <span className="block text-xs text-gray-700">
                    {t('passwords.reset.modeTemporaryHint')}
                  </span>
                </span>
              )}
            </label>
          ))}
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
    </DialogStep>
  );
}
