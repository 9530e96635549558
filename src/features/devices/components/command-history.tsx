import { useQuery } from '@tanstack/react-query';
import { terminalQueries } from '@/api/queries/terminals';
import { ErrorNotice } from '@/components/error-notice';
import { Panel } from '@/components/panel';
import { ListSkeleton } from '@/components/skeleton';
import { isolate } from '@/i18n/bidi';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { failureReasonText } from './open-command';
import { CommandBadge } from './status-badges';

export function CommandHistory({ tid }: { tid: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useQuery(terminalQueries.commands(tid));

  return (
    <Panel title={t('devices.history.title')}>
      <div className="mt-3">
        {history.isPending ? (
          <ListSkeleton />
        ) : history.isError ? (
          <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />
        ) : history.data.items.length === 0 ? (
          <p className="text-sm text-gray-700">{t('devices.history.empty')}</p>
        ) : (
          <ol className="divide-y divide-gray-100">
            {history.data.items.map((command) => {
              const outcomeAt = command.appliedAt ?? command.cancelledAt ?? command.deliveredAt;
              return (
                <li
                  key={command.id}
                  className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 py-2 text-sm"
                >
                  <div className="min-w-0 space-y-0.5">
                    <CommandBadge command={command} />
                    <p className="text-gray-800">
                      {t('devices.command.requestedByAt', {
                        name: isolate(command.requestedBy),
                        when: format.dateTime(command.requestedAt),
                      })}
                      {command.temporary ? ` · ${t('devices.command.temporary')}` : null}
                    </p>
                    {command.status === 'failed' ? (
                      <p className="text-red-800">{failureReasonText(command.failureReason, t)}</p>
                    ) : null}
                  </div>
                  {outcomeAt ? (
                    <time dateTime={outcomeAt} className="text-xs text-gray-700">
                      {format.dateTime(outcomeAt)}
                    </time>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </Panel>
  );
}
