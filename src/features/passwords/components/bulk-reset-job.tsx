import { useQuery } from '@tanstack/react-query';
import type { TFunction } from '@/i18n/use-translation';
import { useEffect, useState } from 'react';
import { useTranslation } from '@/i18n/use-translation';
import { Link } from 'react-router';
import { isApiError } from '@/api/errors';
import { ErrorCode } from '@/api/schemas/common';
import type { BulkResetJob } from '@/api/schemas/terminals';
import { BackLink } from '@/components/back-link';
import { Button } from '@/components/button';
import { ErrorNotice } from '@/components/error-notice';
import { MissingResource } from '@/components/missing-resource';
import { PageHeader } from '@/components/page-header';
import { Panel } from '@/components/panel';
import { PageSkeleton } from '@/components/skeleton';
import { useFormat } from '@/i18n/use-format';
import type { VoidPasswordAccess } from '../api/access';
import { useRefresh } from '../api/mutations';
import { bulkResetQueries } from '../api/queries';
import { REFRESHED_BY_JOBS } from '../api/refreshes';
import { BulkResetButton } from './bulk-reset-dialog';
import { paths } from '@/config/paths';

/** Result rows shown at first, and added by "Show more". */
const ROWS_STEP = 100;

/**
 * A bulk reset job (`/terminals/bulk-resets/:jobId`): progress while it runs (polled, backing
 * off, until it finishes), then each terminal's outcome; the failed ones can be sent again.
 * The job id in the URL is not a secret, so the page survives a reload.
 */
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
  useEffect(() => {
    if (finished) void refresh();
  }, [finished, refresh]);
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
  const failedTids = job.results.filter((result) => result.error).map((result) => result.tid);
  const rows = failedOnly ? job.results.filter((result) => result.error) : job.results;
  const n = (value: number) => format.number(value);

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
            {/* Announced as the job moves on and when it finishes. */}
            <p role="status" className="text-sm font-medium text-gray-900">
              {finished
                ? t('passwords.job.finished', {
                    succeeded: n(job.succeeded),
                    total: n(job.total),
                    failed: n(job.failed),
                  })
                : t('passwords.job.running', {
                    done: n(job.done),
                    total: n(job.total),
                    failed: n(job.failed),
                  })}
            </p>
            <p className="text-sm text-gray-800">{t('passwords.job.whatNext')}</p>
            {finished && failedTids.length > 0 && access.canReset ? (
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
            {job.failed > 0 ? (
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
                      <td className={`py-2 ${result.error ? 'text-red-800' : 'text-gray-900'}`}>
                        {result.error ? jobErrorText(result.error, t) : t('passwords.job.queued')}
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

/** Why a terminal of a job failed, in words; an unknown code gets a general sentence. */
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
