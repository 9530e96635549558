import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '@/api/errors';
import { ErrorCode } from '@contract/schemas/common';
import type { BulkResetJob } from '@contract/schemas/terminals';
import { BackLink } from '@/components/back-link';
import { Button } from '@/components/button';
import { ErrorNotice } from '@/components/error-notice';
import { MissingResource } from '@/components/missing-resource';
import { Notice } from '@/components/notice';
import { PageHeader } from '@/components/page-header';
import { Panel } from '@/components/panel';
import { PageSkeleton } from '@/components/skeleton';
import { paths } from '@/config/paths';
import { useFormat } from '@/i18n/use-format';
import type { TFunction } from '@/i18n/use-translation';
import { useTranslation } from '@/i18n/use-translation';
import type { VoidPasswordAccess } from '../api/access';
import { useRefresh } from '../api/mutations';
import { bulkResetQueries } from '../api/queries';
import { REFRESHED_BY_JOBS } from '../api/refreshes';
import { BulkResetButton } from './bulk-reset-dialog';

const ROWS_STEP = 100;

export function BulkResetJobView({
  jobId,
  access,
  onRetryStarted,
}: {
  jobId: string;
  access: VoidPasswordAccess;
  onRetryStarted: (job: BulkResetJob) => void;
}) {
  const { t } = useTranslation();
  const job = useQuery(bulkResetQueries.job(jobId));
  const refresh = useRefresh(REFRESHED_BY_JOBS);
  const finished = job.data?.job.status === 'finished';
  const applied = job.data?.job.succeeded ?? 0;
  // Terminals that took the new PIN show a new state elsewhere (the fleet list, their pages).
  useEffect(() => {
    if (finished || applied > 0) void refresh();
  }, [finished, applied, refresh]);
  if (job.isPending) return <PageSkeleton />;
  if (job.isError) {
    if (isApiError(job.error) && job.error.status === 404) {
      return (
        <MissingResource
          title={t('passwords.job.notFoundTitle')}
          body={t('passwords.job.notFoundBody')}
          backTo={paths.terminals()}
          backLabel={t('passwords.job.backToList')}
        />
      );
    }
    return (
      <>
        <PageHeader title={t('passwords.job.title')} />
        <ErrorNotice error={job.error} onRetry={() => void job.refetch()} />
      </>
    );
  }
  return <JobLoaded job={job.data.job} access={access} onRetryStarted={onRetryStarted} />;
}

type JobResult = BulkResetJob['results'][number];

function hasFailed(result: JobResult): boolean {
  return (
    result.error !== undefined || !['queued', 'delivered', 'applied'].includes(result.commandStatus ?? '')
  );
}

function JobLoaded({
  job,
  access,
  onRetryStarted,
}: {
  job: BulkResetJob;
  access: VoidPasswordAccess;
  onRetryStarted: (job: BulkResetJob) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [failedOnly, setFailedOnly] = useState(false);
  const [shown, setShown] = useState(ROWS_STEP);
  const finished = job.status === 'finished';
  const failedTids = job.results.filter(hasFailed).map((result) => result.tid);
  const oldPinTids = job.results.filter((result) => result.commandStatus !== 'applied');
  const rows = failedOnly ? job.results.filter(hasFailed) : job.results;
  const n = (value: number) => format.number(value);
  const allHandled = job.results.length >= job.total;

  return (
    <>
      <BackLink to={paths.terminals()} label={t('passwords.job.backToList')} />
      <PageHeader title={t('passwords.job.title')} />
      <div className="space-y-6">
        <Panel title={t('passwords.job.progressTitle')}>
          <div className="mt-3 space-y-3">
            <p className="text-sm text-gray-700">
              {t('passwords.job.started', { when: format.dateTime(job.createdAt) })}
            </p>
            <progress
              className="h-3 w-full"
              value={job.done}
              max={Math.max(1, job.total)}
              aria-label={t('passwords.job.progressLabel')}
            />
            <p role="status" className="text-sm font-medium text-gray-900">
              {finished
                ? t('passwords.job.finished', {
                    succeeded: n(job.succeeded),
                    total: n(job.total),
                    failed: n(job.failed),
                  })
                : t('passwords.job.running', {
                    succeeded: n(job.succeeded),
                    total: n(job.total),
                    failed: n(job.failed),
                    waiting: n(job.waiting),
                  })}
            </p>
            {oldPinTids.length > 0 && allHandled ? (
              <Notice tone="warning">
                <p className="font-medium">
                  {t('passwords.job.oldPinTitle', {
                    count: oldPinTids.length,
                    formatted: n(oldPinTids.length),
                  })}
                </p>
                <ul className="mt-1 space-y-0.5">
                  {oldPinTids.slice(0, shown).map((result) => (
                    <li key={result.tid}>
                      <span className="font-mono font-semibold">{result.tid}</span>
                      {': '}
                      {oldPinText(result, t)}
                    </li>
                  ))}
                </ul>
              </Notice>
            ) : null}
            {!finished ? <p className="text-sm text-gray-800">{t('passwords.job.whatNext')}</p> : null}
            {allHandled && failedTids.length > 0 && access.canReset ? (
              <BulkResetButton
                selection={{ kind: 'ids', tids: failedTids }}
                access={access}
                onStarted={onRetryStarted}
                label={t('passwords.job.retryFailed', {
                  count: failedTids.length,
                  formatted: n(failedTids.length),
                })}
              />
            ) : null}
          </div>
        </Panel>

        <Panel title={t('passwords.job.resultsTitle')}>
          <div className="mt-3 space-y-3">
            {failedTids.length > 0 ? (
              <label className="inline-flex items-center gap-2 text-sm text-gray-900">
                <input
                  type="checkbox"
                  className="focus-ring h-4 w-4 accent-blue-700"
                  checked={failedOnly}
                  onChange={(event) => {
                    setFailedOnly(event.target.checked);
                    setShown(ROWS_STEP);
                  }}
                />
                {t('passwords.job.failedOnly')}
              </label>
            ) : null}
            {rows.length === 0 ? (
              <p className="text-sm text-gray-700">{t('passwords.job.noResultsYet')}</p>
            ) : (
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t('passwords.job.resultsTitle')}</caption>
                <thead>
                  <tr className="border-b border-gray-200 text-xs tracking-wide text-gray-700 uppercase">
                    <th scope="col" className="py-2 pr-4 font-semibold">
                      {t('passwords.job.columns.tid')}
                    </th>
                    <th scope="col" className="py-2 font-semibold">
                      {t('passwords.job.columns.outcome')}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-gray-100">
                  {rows.slice(0, shown).map((result) => (
                    <tr key={result.tid}>
                      <td className="py-2 pr-4 align-top">
                        <Link
                          to={paths.terminal(result.tid)}
                          className="focus-ring rounded font-mono font-semibold text-blue-800 underline-offset-2 hover:underline"
                        >
                          {result.tid}
                        </Link>
                      </td>
                      <td className={`py-2 ${hasFailed(result) ? 'text-red-800' : 'text-gray-900'}`}>
                        {outcomeText(result, t, format.dateTime)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {rows.length > shown ? (
              <Button variant="secondary" onClick={() => setShown((count) => count + ROWS_STEP)}>
                {t('passwords.job.showMore', { shown: n(shown), total: n(rows.length) })}
              </Button>
            ) : null}
          </div>
        </Panel>
      </div>
    </>
  );
}

function outcomeText(result: JobResult, t: TFunction, dateTime: (iso: string) => string): string {
  if (result.error !== undefined) return jobErrorText(result.error, t);
  switch (result.commandStatus) {
    case 'queued':
      return result.online ? t('passwords.job.outcome.queued') : t('passwords.job.outcome.queuedOffline');
    case 'delivered':
      return t('passwords.job.outcome.delivered');
    case 'applied':
      return result.appliedAt
        ? t('passwords.job.outcome.appliedAt', { when: dateTime(result.appliedAt) })
        : t('passwords.job.outcome.applied');
    case 'expired':
      return t('passwords.job.outcome.expired');
    case 'cancelled':
      return t('passwords.job.outcome.cancelled');
    default:
      return t('passwords.job.outcome.failed');
  }
}

function oldPinText(result: JobResult, t: TFunction): string {
  if (result.commandStatus === 'queued' || result.commandStatus === 'delivered') {
    return result.online ? t('passwords.job.oldPin.untilCheckIn') : t('passwords.job.oldPin.untilConnects');
  }
  return t('passwords.job.oldPin.notReset');
}

function jobErrorText(code: string, t: TFunction): string {
  switch (code) {
    case ErrorCode.commandAlreadyOpen:
      return t('passwords.job.error.alreadyOpen');
    case ErrorCode.pinReused:
      return t('passwords.job.error.reused');
    case ErrorCode.notFound:
      return t('passwords.job.error.notFound');
    default:
      return t('passwords.job.error.unknown');
  }
}
