import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { ExportButton } from '@/components/export-button';
import { FOCUS_ERRORS_OURSELVES } from '@/components/focus-first-error';
import { useTranslation } from '@/i18n/use-translation';
import type { PasswordCommand } from '@contract/schemas/commands';
import type { ResetVoidPasswordRequest, TerminalDetail } from '@contract/schemas/terminals';
import type { VoidPasswordAccess } from '../api/access';
import { exportTerminalTransactions } from '../api/export';
import { useResetVoidPassword } from '../api/mutations';
import { resetVoidPasswordForm, type ResetVoidPasswordForm, ticketOf } from '../api/pin-forms';
import { REFRESHED_BY_COMMANDS } from '../api/refreshes';
import { DialogStep, StepUpValidity } from './dialog-steps';
import { FormActions } from './form-actions';
import { NewPinFields } from './new-pin-fields';
import { TemporaryPinPanel } from './temporary-pin-panel';
import { TicketFields } from './ticket-fields';
import { useVoidPasswordFlow } from './use-void-password-flow';

export interface ResetVoidPasswordDialogProps {
  open: boolean;
  terminal: TerminalDetail;
  access: VoidPasswordAccess;
  onClose: () => void;
  onSent: (command: PasswordCommand) => void;
  /** The session ended as the reset (or its password confirmation) was sent: it was not. */
  onSessionEnded?: (() => void) | undefined;
}

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
  onClose,
  onSent,
  onSessionEnded,
  titleId,
  onPinOnScreen,
}: ResetVoidPasswordDialogProps & { titleId: string; onPinOnScreen: (onScreen: boolean) => void }) {
  const { t } = useTranslation();
  const tid = terminal.tid;
  const reset = useResetVoidPassword(tid);
  const backupId = useId();
  const schema = useMemo(
    () => resetVoidPasswordForm({ ticketRequired: access.ticketRequired }),
    [access.ticketRequired],
  );
  const form = useForm<ResetVoidPasswordForm>({
    ...FOCUS_ERRORS_OURSELVES,
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
  const flow = useVoidPasswordFlow({
    action: reset,
    form,
    refreshes: REFRESHED_BY_COMMANDS,
    stepUp: access,
    onSessionEnded,
    toInput: (values, stepUpToken) => {
      const body: ResetVoidPasswordRequest =
        values.mode === 'temporary'
          ? { generateTemporary: true, ...ticketOf(values) }
          : { newPassword: values.newPassword, ...ticketOf(values) };
      return { body, stepUpToken };
    },
    onSucceeded: (result) => {
      if (result.temporaryPassword) onPinOnScreen(true);
      else onSent(result.command);
    },
  });
  const mode = useWatch({ control: form.control, name: 'mode' });
  const { state } = reset;
  const { refusal, pending } = flow;
  const title = t('passwords.reset.title', { tid });
  const step = { titleId, title, onClose };

  if (state.status === 'succeeded' && state.result.temporaryPassword) {
    const { command } = state.result;
    return (
      <TemporaryPinPanel
        pin={state.result.temporaryPassword}
        tid={tid}
        offline={terminal.status === 'offline'}
        expiresAt={command.expiresAt}
        readOut={access.ticketRequired}
        titleId={titleId}
        onNoted={() => {
          reset.reset();
          onPinOnScreen(false);
          onSent(command);
        }}
      />
    );
  }

  const before = flow.stepBeforeForm({
    ...step,
    what: t('passwords.reset.what'),
    terminal,
    canCancel: access.canCancel,
  });
  if (before) return before;
  if (flow.stepUpValidUntil === null) return null;

  return (
    <DialogStep key="form" {...step} focusTitle={flow.stepUpJustConfirmed}>
      <p className="text-sm text-gray-800">{t('passwords.reset.intro')}</p>
      <StepUpValidity validUntil={flow.stepUpValidUntil} />
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
      {refusal?.kind === 'other' ? (
        <ErrorNotice error={refusal.error} onRetry={() => void flow.send()} />
      ) : null}
      <form method="post" noValidate onSubmit={flow.send} className="space-y-4">
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
          <NewPinFields control={form.control} visibility={flow.visibility} readOnly={pending} />
        ) : null}
        {access.ticketRequired ? (
          <TicketFields register={form.register} errors={form.formState.errors} readOnly={pending} />
        ) : null}
        <FormActions
          onCancel={onClose}
          label={t('passwords.reset.submit')}
          pending={pending}
          variant="danger"
        />
      </form>
    </DialogStep>
  );
}
