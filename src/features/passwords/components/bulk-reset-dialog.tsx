import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from '@/i18n/use-translation';
import { useNavigate } from 'react-router';
import { isApiError } from '@/api/errors';
import {
  type BulkResetJob,
  selectionSize,
  type TerminalFilter,
  type TerminalSelection,
} from '@/api/schemas/terminals';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { Notice } from '@/components/notice';
import { useFormat } from '@/i18n/use-format';
import type { VoidPasswordAccess } from '../api/access';
import { useStartBulkReset } from '../api/mutations';
import { bulkResetJobPath } from '../api/paths';
import { bulkResetForm, type BulkResetForm, ticketOf } from '../api/pin-forms';
import { type Refusal, refusalOf } from '../api/refusal';
import {
  DialogStep,
  showFieldRefusals,
  StepUpValidity,
  isCheckingAgain,
  UnknownOutcomeStep,
  useStepUpGate,
} from './dialog-steps';
import { NewPinFields } from './new-pin-fields';
import { TicketFields } from './ticket-fields';
import { usePinVisibility } from './use-pin-visibility';

/** TIDs named in the confirmation before "and N more". */
const NAMED_TIDS = 5;

export interface BulkResetProps {
  selection: TerminalSelection;
  access: VoidPasswordAccess;
  /** The job exists: e.g. go to its page. */
  onStarted: (job: BulkResetJob) => void;
  /** The button's words; default "Reset void passwords…". */
  label?: string;
}

/** "Reset void passwords…" for a selection of the fleet list (or the failed terminals of a job). */
export function BulkResetButton({ label, ...props }: BulkResetProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {label ?? t('passwords.bulk.button')}
      </Button>
      <BulkResetDialog
        {...props}
        open={open}
        onClose={() => setOpen(false)}
        onStarted={(job) => {
          setOpen(false);
          props.onStarted(job);
        }}
      />
    </>
  );
}

/**
 * The fleet list's bulk action: "Reset void passwords…" for the selection; once the job
 * exists, `onStarted` (e.g. clearing the selection) and on to the job's page.
 */
export function BulkResetAction({
  selection,
  access,
  onStarted,
}: {
  selection: TerminalSelection;
  access: VoidPasswordAccess;
  onStarted: () => void;
}) {
  const navigate = useNavigate();
  return (
    <BulkResetButton
      selection={selection}
      access={access}
      onStarted={(job) => {
        onStarted();
        void navigate(bulkResetJobPath(job.id));
      }}
    />
  );
}

/**
 * A bulk reset: confirm how many terminals, confirm the account password (step-up), give the
 * one new PIN (and, for support, ticket and reason), then the job starts.
 */
export function BulkResetDialog({
  open,
  onClose,
  ...props
}: Omit<BulkResetProps, 'label'> & { open: boolean; onClose: () => void }) {
  const titleId = useId();
  return (
    <Dialog open={open} onCancel={onClose} labelledBy={titleId}>
      <BulkContent {...props} onClose={onClose} titleId={titleId} />
    </Dialog>
  );
}

function FilterWords({ filter }: { filter: TerminalFilter }) {
  const { t } = useTranslation();
  const part = (label: string, value: string) => t('passwords.bulk.filterPart', { label, value });
  const parts = [
    filter.passwordState
      ? part(t('devices.filters.passwordState'), t(`devices.voidPassword.${filter.passwordState}`))
      : null,
    filter.status ? part(t('devices.filters.status'), t(`devices.connectivity.${filter.status}`)) : null,
    filter.q ? part(t('devices.filters.search'), `“${filter.q}”`) : null,
    filter.model ? part(t('devices.filters.model'), filter.model) : null,
    filter.storeId ? part(t('devices.filters.store'), filter.storeId) : null,
    filter.merchantId ? part(t('passwords.bulk.merchant'), filter.merchantId) : null,
  ].filter((part): part is string => part !== null);
  return (
    <p className="text-sm text-gray-800">
      {parts.length > 0 ? parts.join(' · ') : t('passwords.bulk.noFilter')}
    </p>
  );
}

function BulkContent({
  selection,
  access,
  onStarted,
  onClose,
  titleId,
}: Omit<BulkResetProps, 'label'> & { onClose: () => void; titleId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [confirmed, setConfirmed] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [noneMatch, setNoneMatch] = useState(false);
  const gate = useStepUpGate(access);
  const start = useStartBulkReset();
  const visibility = usePinVisibility();
  const schema = useMemo(
    () => bulkResetForm({ ticketRequired: access.ticketRequired }),
    [access.ticketRequired],
  );
  const form = useForm<BulkResetForm>({
    resolver: zodResolver(schema),
    defaultValues: { newPassword: '', confirmPassword: '', ticketId: '', reason: '' },
  });
  const count = selectionSize(selection);
  const formattedCount = format.number(count);
  const { state } = start;
  const title = t('passwords.bulk.title', { count, formatted: formattedCount });
  const step = { titleId, title, onClose };

  const send = form.handleSubmit(async (values) => {
    visibility.hideAll();
    setRefusal(null);
    setNoneMatch(false);
    const token = gate.token();
    // Checking an unknown outcome again needs no fresh step-up: a replay answers as the first time.
    if (!token && state.status !== 'unknown') return gate.askAgain(false);
    const outcome = await start.run({
      selection,
      newPassword: values.newPassword,
      ...ticketOf(values),
      stepUpToken: token ?? undefined,
    });
    if (!outcome) return;
    if (outcome.status === 'succeeded') {
      onStarted(outcome.result);
    } else if (outcome.status === 'failed') {
      const next = refusalOf(outcome.error);
      if (next.kind === 'step-up') return gate.askAgain(true);
      const error = outcome.error;
      if (
        isApiError(error) &&
        error.fieldErrors.some((f) => f.field === 'filter' || f.field === 'terminalIds')
      ) {
        setNoneMatch(true);
        return;
      }
      setRefusal(next);
      if (next.kind === 'fields') showFieldRefusals(form, next.fields);
    }
  });

  if (!confirmed) {
    const tids = selection.kind === 'ids' ? selection.tids : [];
    return (
      <DialogStep key="confirm" {...step} focusTitle={false}>
        {selection.kind === 'ids' ? (
          <p className="text-sm text-gray-800">
            {format.list(tids.slice(0, NAMED_TIDS))}
            {tids.length > NAMED_TIDS
              ? ` ${t('passwords.bulk.andMore', { count: tids.length - NAMED_TIDS, formatted: format.number(tids.length - NAMED_TIDS) })}`
              : null}
          </p>
        ) : (
          <div className="space-y-1">
            <p className="text-sm text-gray-800">
              {t('passwords.bulk.byFilter', { count, formatted: formattedCount })}
            </p>
            <FilterWords filter={selection.filter} />
          </div>
        )}
        <Notice tone="warning">
          <p>{t('passwords.bulk.explain')}</p>
          <p className="mt-1">{t('passwords.bulk.skipped')}</p>
        </Notice>
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('passwords.dialog.cancel')}
          </Button>
          <Button onClick={() => setConfirmed(true)}>{t('passwords.bulk.continue')}</Button>
        </div>
      </DialogStep>
    );
  }

  const checking = isCheckingAgain(state);
  if (state.status === 'unknown' || checking) {
    return (
      <UnknownOutcomeStep
        key="unknown"
        {...step}
        what={t('passwords.bulk.what')}
        checking={checking}
        onCheckAgain={() => void send()}
      />
    );
  }

  if (gate.validUntil === null) {
    return gate.step({ ...step, focusTitle: true, send: () => void send() });
  }

  const pending = state.status === 'pending';
  return (
    <DialogStep key="form" {...step} focusTitle>
      <StepUpValidity validUntil={gate.validUntil} />
      {noneMatch ? <Notice tone="error">{t('passwords.bulk.noneMatch')}</Notice> : null}
      {refusal?.kind === 'other' ? <ErrorNotice error={refusal.error} onRetry={() => void send()} /> : null}
      <form method="post" noValidate onSubmit={send} className="space-y-4">
        <NewPinFields control={form.control} visibility={visibility} readOnly={pending} />
        {access.ticketRequired ? (
          <TicketFields register={form.register} errors={form.formState.errors} readOnly={pending} />
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {t('passwords.dialog.cancel')}
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending
              ? t('passwords.dialog.sending')
              : t('passwords.bulk.submit', { count, formatted: formattedCount })}
          </Button>
        </div>
      </form>
    </DialogStep>
  );
}
