import { type ReactNode, useCallback, useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { ActionState } from '@/api/use-idempotent-action';
import { Button } from '@/components/button';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import type { TerminalDetail } from '@contract/schemas/terminals';
import type { VoidPasswordAccess } from '../api/access';
import { useRefresh } from '../api/mutations';
import type { RefreshKeys } from '../api/refreshes';
import type { FieldRefusal } from '../api/refusal';
import { useStepUp } from '../api/step-up';
import { DialogHeading } from './dialog-heading';
import { OutcomeUnknown } from './outcome-unknown';
import { StepUpForm } from './step-up-form';
import { OpenCommandRefusal, TerminalReread } from './terminal-state-blocks';

/** Give each step its own `key`. */
export function DialogStep({
  titleId,
  title,
  focusTitle,
  children,
}: {
  titleId: string;
  title: string;
  focusTitle: boolean;
  children: ReactNode;
  onClose?: () => void;
}) {
  return (
    <div className="space-y-4">
      <DialogHeading id={titleId} focusOnMount={focusTitle}>
        {title}
      </DialogHeading>
      {children}
    </div>
  );
}

export function CloseRow({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="flex justify-end">
      <Button variant="secondary" onClick={onClose}>
        {t('passwords.dialog.close')}
      </Button>
    </div>
  );
}

export function showFieldRefusals<T extends FieldValues>(
  form: UseFormReturn<T>,
  fields: FieldRefusal[],
): void {
  for (const problem of fields) {
    form.setError(problem.field as Path<T>, { type: 'server', message: problem.message });
  }
  if (fields[0]) form.setFocus(fields[0].field as Path<T>);
}

export function useReread(refreshes: RefreshKeys) {
  const refresh = useRefresh(refreshes);
  const [rereading, setRereading] = useState(false);
  const reread = useCallback(async () => {
    setRereading(true);
    await refresh();
    setRereading(false);
  }, [refresh]);
  return { rereading, reread };
}

export function isCheckingAgain(state: ActionState<unknown>): boolean {
  return state.status === 'pending' && state.checking;
}

export function UnknownOutcomeStep({
  titleId,
  title,
  what,
  terminal,
  rereading = false,
  checking,
  onCheckAgain,
  onClose,
}: {
  titleId: string;
  title: string;
  what: string;
  terminal?: TerminalDetail;
  rereading?: boolean;
  checking: boolean;
  onCheckAgain: () => void;
  onClose: () => void;
}) {
  return (
    <DialogStep titleId={titleId} title={title} focusTitle>
      <OutcomeUnknown
        what={what}
        reread={terminal ? <TerminalReread terminal={terminal} rereading={rereading} /> : undefined}
        checking={checking}
        onCheckAgain={onCheckAgain}
        onClose={onClose}
      />
    </DialogStep>
  );
}

export function OpenCommandStep({
  titleId,
  title,
  focusTitle,
  terminal,
  canCancel,
  onClose,
}: {
  titleId: string;
  title: string;
  focusTitle: boolean;
  terminal: TerminalDetail;
  canCancel: boolean;
  onClose: () => void;
}) {
  return (
    <DialogStep titleId={titleId} title={title} focusTitle={focusTitle}>
      <OpenCommandRefusal terminal={terminal} canCancel={canCancel} />
      <CloseRow onClose={onClose} />
    </DialogStep>
  );
}

/** After the password is asked again, the send the user asked for goes ahead without another click. */
export function useStepUpGate(access: VoidPasswordAccess | undefined) {
  const stepUp = useStepUp(access?.userId ?? '');
  const [expired, setExpired] = useState(false);
  const [sendWhenConfirmed, setSendWhenConfirmed] = useState(false);
  const [justConfirmed, setJustConfirmed] = useState(false);
  return {
    validUntil: stepUp.validUntil,
    token: stepUp.token,
    justConfirmed,
    askAgain: (refusedByServer: boolean) => {
      if (refusedByServer) stepUp.drop();
      setSendWhenConfirmed(true);
      setExpired(true);
    },
    step: (props: {
      titleId: string;
      title: string;
      focusTitle: boolean;
      onClose: () => void;
      send: () => void;
      onSessionEnded?: () => void;
    }) => (
      <DialogStep
        key="step-up"
        titleId={props.titleId}
        title={props.title}
        focusTitle={props.focusTitle || expired}
      >
        <StepUpForm
          scope={access?.userId ?? ''}
          username={access?.username ?? ''}
          expired={expired}
          onCancel={props.onClose}
          onSessionEnded={props.onSessionEnded}
          onConfirmed={() => {
            setExpired(false);
            setJustConfirmed(true);
            if (sendWhenConfirmed) {
              setSendWhenConfirmed(false);
              props.send();
            }
          }}
        />
      </DialogStep>
    ),
  };
}

export function StepUpValidity({ validUntil }: { validUntil: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <p className="text-xs text-gray-700">
      {t('passwords.stepUp.confirmedUntil', { time: format.hourMinute(validUntil) })}
    </p>
  );
}
