import { type ReactNode, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { isApiError } from '@/api/errors';
import type { ActionState } from '@/api/use-idempotent-action';
import { focusFirstError } from '@/components/focus-first-error';
import type { TerminalDetail } from '@contract/schemas/terminals';
import type { VoidPasswordAccess } from '../api/access';
import { waitingCommandOf } from '../api/open-command';
import type { RefreshKeys } from '../api/refreshes';
import { type Refusal, refusalOf } from '../api/refusal';
import {
  isCheckingAgain,
  OpenCommandStep,
  showFieldRefusals,
  UnknownOutcomeStep,
  useReread,
  useStepUpGate,
} from './dialog-steps';
import { usePinVisibility } from './use-pin-visibility';

interface Action<Input, Result> {
  state: ActionState<Result>;
  run: (input: Input) => Promise<ActionState<Result> | null>;
}

export interface VoidPasswordFlowOptions<Values extends FieldValues, Input, Result> {
  action: Action<Input, Result>;
  form: UseFormReturn<Values>;
  toInput: (values: Values, stepUpToken: string | undefined) => Input;
  onSucceeded: (result: Result) => void;
  refreshes?: RefreshKeys;
  stepUp?: VoidPasswordAccess;
  onRefused?: (refusal: Refusal, error: unknown) => boolean;
  onSessionEnded?: (() => void) | undefined;
}

export interface FlowStepProps {
  titleId: string;
  title: string;
  onClose: () => void;
  what: string;
  terminal?: TerminalDetail;
  canCancel?: boolean;
  stepUpFocusTitle?: boolean;
}

export function useVoidPasswordFlow<Values extends FieldValues, Input, Result>({
  action,
  form,
  toInput,
  onSucceeded,
  refreshes,
  stepUp,
  onRefused,
  onSessionEnded,
}: VoidPasswordFlowOptions<Values, Input, Result>) {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const visibility = usePinVisibility();
  const { rereading, reread } = useReread(refreshes ?? []);
  const gate = useStepUpGate(stepUp);
  const { state } = action;

  const send = form.handleSubmit(async (values) => {
    visibility.hideAll();
    setRefusal(null);
    let token: string | undefined;
    if (stepUp) {
      token = gate.token() ?? undefined;
      // Checking an unknown outcome again needs no fresh step-up: a replay answers as the first time.
      if (!token && state.status !== 'unknown') return gate.askAgain(false);
    }
    const outcome = await action.run(toInput(values, token));
    if (!outcome) return;
    if (outcome.status === 'succeeded') {
      onSucceeded(outcome.result);
    } else if (outcome.status === 'unknown') {
      if (refreshes) await reread();
    } else if (outcome.status === 'failed') {
      if (isApiError(outcome.error) && outcome.error.status === 401) return onSessionEnded?.();
      const next = refusalOf(outcome.error);
      if (next.kind === 'step-up' && stepUp) return gate.askAgain(true);
      if (onRefused?.(next, outcome.error)) return;
      setRefusal(next);
      if (next.kind === 'fields') showFieldRefusals(form, next.fields);
    }
  }, focusFirstError(form));

  const stepBeforeForm = ({
    titleId,
    title,
    onClose,
    what,
    terminal,
    canCancel = false,
    stepUpFocusTitle = false,
  }: FlowStepProps): ReactNode => {
    const step = { titleId, title, onClose };
    const checking = isCheckingAgain(state);
    if (state.status === 'unknown' || checking) {
      return (
        <UnknownOutcomeStep
          key="unknown"
          {...step}
          what={what}
          terminal={terminal}
          rereading={rereading}
          checking={checking}
          onCheckAgain={() => void send()}
        />
      );
    }
    if (
      terminal &&
      ((waitingCommandOf(terminal) && state.status !== 'succeeded') || refusal?.kind === 'open-command')
    ) {
      return (
        <OpenCommandStep
          key="open-command"
          {...step}
          focusTitle={refusal !== null}
          terminal={terminal}
          canCancel={canCancel}
        />
      );
    }
    if (stepUp && gate.validUntil === null) {
      return gate.step({
        ...step,
        focusTitle: stepUpFocusTitle,
        send: () => void send(),
        onSessionEnded,
      });
    }
    return null;
  };

  return {
    send,
    refusal,
    pending: state.status === 'pending',
    visibility,
    stepUpValidUntil: gate.validUntil,
    stepUpJustConfirmed: gate.justConfirmed,
    stepBeforeForm,
  };
}
