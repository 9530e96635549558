import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { isApiError } from '@/api/errors';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { FOCUS_ERRORS_OURSELVES } from '@/components/focus-first-error';
import { Notice } from '@/components/notice';
import { paths } from '@/config/paths';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import {
  type BulkResetJob,
  selectionSize,
  type TerminalFilter,
  type TerminalSelection,
} from '@contract/schemas/terminals';
import type { VoidPasswordAccess } from '../api/access';
import { useStartBulkReset } from '../api/mutations';
import { bulkResetForm, type BulkResetForm, ticketOf } from '../api/pin-forms';
import { DialogStep, StepUpValidity } from './dialog-steps';
import { FormActions } from './form-actions';
import { NewPinFields } from './new-pin-fields';
import { TicketFields } from './ticket-fields';
import { useVoidPasswordFlow } from './use-void-password-flow';

const NAMED_TIDS = 5;

export interface BulkResetProps {
  selection: TerminalSelection;
  access: VoidPasswordAccess;
  onStarted: (job: BulkResetJob) => void;
  label?: string;
}

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
        void navigate(paths.bulkResetJob(job.id));
      }}
    />
  );
}

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
  const [noneMatch, setNoneMatch] = useState(false);
  const start = useStartBulkReset();
  const schema = useMemo(
    () => bulkResetForm({ ticketRequired: access.ticketRequired }),
    [access.ticketRequired],
  );
  const form = useForm<BulkResetForm>({
    ...FOCUS_ERRORS_OURSELVES,
    resolver: zodResolver(schema),
    defaultValues: { newPassword: '', confirmPassword: '', ticketId: '', reason: '' },
  });
  const flow = useVoidPasswordFlow({
    action: start,
    form,
    stepUp: access,
    toInput: (values, stepUpToken) => {
      setNoneMatch(false);
      return { selection, newPassword: values.newPassword, ...ticketOf(values), stepUpToken };
    },
    onSucceeded: onStarted,
    onRefused: (_refusal, error) => {
      const none =
        isApiError(error) && error.fieldErrors.some((f) => f.field === 'filter' || f.field === 'terminalIds');
      if (none) setNoneMatch(true);
      return none;
    },
  });
  const count = selectionSize(selection);
  const formattedCount = format.number(count);
  const { refusal, pending } = flow;
  const title = t('passwords.bulk.title', { count, formatted: formattedCount });
  const step = { titleId, title, onClose };

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
        <FormActions
          onCancel={onClose}
          label={t('passwords.bulk.continue')}
          onContinue={() => setConfirmed(true)}
        />
      </DialogStep>
    );
  }

  const before = flow.stepBeforeForm({ ...step, what: t('passwords.bulk.what'), stepUpFocusTitle: true });
  if (before) return before;
  if (flow.stepUpValidUntil === null) return null;

  return (
    <DialogStep key="form" {...step} focusTitle>
      <StepUpValidity validUntil={flow.stepUpValidUntil} />
      {noneMatch ? <Notice tone="error">{t('passwords.bulk.noneMatch')}</Notice> : null}
      {refusal?.kind === 'other' ? (
        <ErrorNotice error={refusal.error} onRetry={() => void flow.send()} />
      ) : null}
      <form method="post" noValidate onSubmit={flow.send} className="space-y-4">
        <NewPinFields control={form.control} visibility={flow.visibility} readOnly={pending} />
        {access.ticketRequired ? (
          <TicketFields register={form.register} errors={form.formState.errors} readOnly={pending} />
        ) : null}
        <FormActions
          onCancel={onClose}
          label={t('passwords.bulk.submit', { count, formatted: formattedCount })}
          pending={pending}
          variant="danger"
        />
      </form>
    </DialogStep>
  );
}
