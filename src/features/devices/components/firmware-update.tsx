import { useId, useState } from 'react';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorNotice } from '@/components/error-notice';
import { Notice } from '@/components/notice';
import { useTranslation } from '@/i18n/use-translation';
import type { BulkFirmwareUpdateResponse } from '@contract/schemas/firmware';
import { selectionSize, type TerminalSelection, type TerminalView } from '@contract/schemas/terminals';
import {
  FIRMWARE_BULK_MAX,
  firmwareRefusalOf,
  useBulkFirmwareUpdate,
  useScheduleFirmwareUpdate,
} from '../api/firmware';

function RefusalNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const refusal = firmwareRefusalOf(error);
  if (refusal === null) return <ErrorNotice error={error} />;
  return (
    <Notice tone={refusal === 'current' ? 'info' : 'error'}>
      {refusal === 'tooMany'
        ? t('devices.firmware.bulk.tooMany', { max: FIRMWARE_BULK_MAX })
        : t(`devices.firmware.${refusal}`)}
    </Notice>
  );
}

/**
 * "Schedule the update" next to "Update available: X" (owner and support; decision 024). A confirmation says
 * from which release to which, and that the terminal installs it at its next check-in.
 */
export function ScheduleFirmwareUpdate({ terminal }: { terminal: TerminalView }) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const [open, setOpen] = useState(false);
  const [scheduled, setScheduled] = useState<string | null>(null);
  const schedule = useScheduleFirmwareUpdate(terminal.tid);
  const target = terminal.firmwareUpdate;
  const busy = terminal.openCommand !== null;
  const close = () => {
    setOpen(false);
    schedule.reset();
  };
  const confirm = () =>
    schedule.mutate(undefined, {
      onSuccess: (command) => {
        setScheduled(command.firmwareVersion ?? target);
        setOpen(false);
      },
    });

  return (
    <div className="mt-2 space-y-2">
      {/* Always present, so "scheduled" is announced when it appears. */}
      <p aria-live="polite" className="text-xs font-normal text-gray-900 empty:sr-only">
        {scheduled ? t('devices.firmware.scheduled', { version: scheduled }) : null}
      </p>
      {target && !scheduled ? (
        <>
          <Button
            variant="secondary"
            className="px-3 py-1.5 text-xs"
            disabled={busy}
            aria-describedby={busy ? `${bodyId}-busy` : undefined}
            onClick={() => setOpen(true)}
          >
            {t('devices.firmware.schedule')}
          </Button>
          {busy ? (
            <p id={`${bodyId}-busy`} className="text-xs font-normal text-gray-800">
              {t('devices.firmware.busy')}
            </p>
          ) : null}
        </>
      ) : null}
      <Dialog open={open} onCancel={close} labelledBy={titleId} describedBy={bodyId}>
        <h2 id={titleId} className="text-lg font-semibold text-gray-900">
          {t('devices.firmware.confirmTitle', { tid: terminal.tid })}
        </h2>
        <p id={bodyId} className="mt-3 text-sm break-words text-gray-800">
          {t('devices.firmware.confirmBody', { from: terminal.firmware, to: target ?? '' })}
        </p>
        {schedule.isError ? (
          <div className="mt-3">
            <RefusalNotice error={schedule.error} />
          </div>
        ) : null}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            {t('devices.firmware.cancel')}
          </Button>
          <Button data-autofocus disabled={schedule.isPending} onClick={confirm}>
            {schedule.isPending ? t('devices.firmware.scheduling') : t('devices.firmware.confirm')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function BulkSummary({ result }: { result: BulkFirmwareUpdateResponse }) {
  const { t } = useTranslation();
  const rows = [
    t('devices.firmware.bulk.scheduled', { count: result.scheduled }),
    t('devices.firmware.bulk.current', { count: result.alreadyCurrent }),
    t('devices.firmware.bulk.busy', { count: result.busy }),
    ...(result.notFound > 0 ? [t('devices.firmware.bulk.notFound', { count: result.notFound })] : []),
  ];
  return (
    <ul className="mt-3 list-disc space-y-1 ps-5 text-sm text-gray-900">
      {rows.map((row) => (
        <li key={row}>{row}</li>
      ))}
    </ul>
  );
}

/** "Update firmware" for the terminals selected in the fleet list, with what came of each. */
export function BulkFirmwareUpdateAction({
  selection,
  onDone,
}: {
  selection: TerminalSelection;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const bodyId = useId();
  const [open, setOpen] = useState(false);
  const bulk = useBulkFirmwareUpdate();
  const count = selectionSize(selection);
  const result = bulk.data;
  const close = () => {
    setOpen(false);
    if (result) onDone();
    bulk.reset();
  };

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('devices.firmware.bulk.action')}
      </Button>
      <Dialog open={open} onCancel={close} labelledBy={titleId} describedBy={bodyId}>
        <h2 id={titleId} className="text-lg font-semibold text-gray-900">
          {result
            ? t('devices.firmware.bulk.summaryTitle')
            : t('devices.firmware.bulk.confirmTitle', { count })}
        </h2>
        <div id={bodyId} role="status" className="text-sm text-gray-800">
          {result ? (
            <BulkSummary result={result} />
          ) : (
            <p className="mt-3">{t('devices.firmware.bulk.confirmBody')}</p>
          )}
        </div>
        {bulk.isError ? (
          <div className="mt-3">
            <RefusalNotice error={bulk.error} />
          </div>
        ) : null}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          {result ? (
            <Button data-autofocus onClick={close}>
              {t('devices.firmware.bulk.close')}
            </Button>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>
                {t('devices.firmware.cancel')}
              </Button>
              <Button data-autofocus disabled={bulk.isPending} onClick={() => bulk.mutate(selection)}>
                {bulk.isPending ? t('devices.firmware.bulk.working') : t('devices.firmware.bulk.confirm')}
              </Button>
            </>
          )}
        </div>
      </Dialog>
    </>
  );
}
