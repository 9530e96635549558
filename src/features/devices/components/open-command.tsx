import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { isOpenCommand, passwordCommandQueries } from '@/api/queries/password-commands';
import { Countdown } from '@/components/countdown';
import { Panel } from '@/components/panel';
import { isolate } from '@/i18n/bidi';
import { useFormat } from '@/i18n/use-format';
import type { TFunction } from '@/i18n/use-translation';
import { useTranslation } from '@/i18n/use-translation';
import type { PasswordCommand } from '@contract/schemas/commands';
import type { TerminalDetail } from '@contract/schemas/terminals';
import { CommandBadge } from './status-badges';

/** A command that finishes while the page is open stays in view with its outcome, which is announced. */
export function OpenCommand({
  terminal,
  serverNow,
  onSettled,
}: {
  terminal: TerminalDetail;
  serverNow: number;
  onSettled: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const openCommand = terminal.openCommand;
  const [trackedId, setTrackedId] = useState(openCommand?.id ?? null);
  if (openCommand && openCommand.id !== trackedId) setTrackedId(openCommand.id);

  const polled = useQuery({
    ...passwordCommandQueries.detail(trackedId ?? ''),
    enabled: trackedId !== null,
    throwOnError: false,
  });
  const command: PasswordCommand | null =
    polled.data?.command.id === trackedId && trackedId !== null
      ? polled.data.command
      : openCommand?.id === trackedId
        ? openCommand
        : null;
  const status = command?.status;
  const open = status !== undefined && isOpenCommand(status);

  const onSettledRef = useRef(onSettled);
  useEffect(() => {
    onSettledRef.current = onSettled;
  }, [onSettled]);
  useEffect(() => {
    if (status !== undefined && !isOpenCommand(status)) onSettledRef.current();
  }, [status]);

  return (
    <Panel title={command && !open ? t('devices.openCommand.latestTitle') : t('devices.openCommand.title')}>
      {/* Always present, so a change of status is announced. */}
      <div role="status" className="mt-3 text-sm text-gray-800">
        {command ? (
          <div className="space-y-1">
            <p className="flex flex-wrap items-center gap-2">
              <CommandBadge command={command} />
              {command.temporary ? (
                <span className="text-xs text-gray-700">{t('devices.command.temporary')}</span>
              ) : null}
              {command.firmwareVersion ? (
                <span className="text-xs break-all text-gray-700">
                  {t('devices.firmware.target', { version: command.firmwareVersion })}
                </span>
              ) : null}
            </p>
            <p>{statusSentence(command, terminal, t, format)}</p>
          </div>
        ) : (
          <p>{t('devices.openCommand.none')}</p>
        )}
      </div>
      {command ? (
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-gray-700">{t('devices.command.requested')}</dt>
            <dd>
              {t('devices.command.requestedByAt', {
                name: isolate(command.requestedBy),
                when: format.dateTime(command.requestedAt),
              })}
            </dd>
          </div>
          {open ? (
            <div>
              <dt className="text-gray-700">{t('devices.command.expires')}</dt>
              <dd>
                <Countdown until={command.expiresAt} now={serverNow} />
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {open ? (
        <p className="mt-3 text-xs text-gray-700">
          {polled.isError ? t('devices.openCommand.pollFailed') : t('devices.openCommand.live')}
        </p>
      ) : null}
    </Panel>
  );
}

function statusSentence(
  command: PasswordCommand,
  terminal: TerminalDetail,
  t: TFunction,
  format: ReturnType<typeof useFormat>,
): string {
  switch (command.status) {
    case 'queued':
      return terminal.status === 'online'
        ? t('devices.openCommand.queuedOnline')
        : t('devices.openCommand.queuedOffline');
    case 'delivered':
      return t('devices.openCommand.delivered', {
        when: command.deliveredAt ? format.time(command.deliveredAt) : '',
      });
    case 'applied':
      return command.kind === 'firmware'
        ? t('devices.openCommand.appliedFirmware', {
            when: command.appliedAt ? format.dateTime(command.appliedAt) : '',
            version: command.firmwareVersion ?? '',
          })
        : t('devices.openCommand.applied', {
            when: command.appliedAt ? format.dateTime(command.appliedAt) : '',
          });
    case 'failed':
      return t('devices.openCommand.failed', { reason: failureReasonText(command.failureReason, t) });
    case 'expired':
      return t('devices.openCommand.expired');
    case 'cancelled':
      return t('devices.openCommand.cancelled');
  }
}

/** Never raw server text. */
export function failureReasonText(reason: string | undefined, t: TFunction): string {
  switch (reason) {
    case 'password_changed_at_terminal':
      return t('devices.command.failure.passwordChangedAtTerminal');
    case 'no_password':
      return t('devices.command.failure.noPassword');
    case 'not_acknowledged':
      return t('devices.command.failure.notAcknowledged');
    default:
      return t('devices.command.failure.unknown');
  }
}
