import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorNotice } from '@/components/error-notice';
import { Skeleton } from '@/components/skeleton';
import { useServerNow } from '@/components/use-server-now';
import { useTranslation } from '@/i18n/use-translation';
import { overviewQueries } from '../api/queries';
import { FleetRisks } from './fleet-risks';
import { VoidableNow } from './voidable-now';
import { VoidsChart } from './voids-chart';

/** What the acquirer leaves out for a cashier (decision 010) is simply not shown. */
export function OverviewSummary({ alerts }: { alerts?: ReactNode }) {
  const { t } = useTranslation();
  const overview = useQuery(overviewQueries.summary());
  const now = useServerNow(
    overview.data && { serverTime: overview.data.serverTime, receivedAt: overview.dataUpdatedAt },
  );

  // One tree for every state, so the alerts (loading on their own) are never remounted.
  const data = overview.data;
  return (
    <div className="space-y-6" aria-busy={overview.isPending || undefined}>
      {overview.isPending ? (
        <>
          <p role="status" className="sr-only">
            {t('app.loading')}
          </p>
          <Skeleton className="h-40 w-full" />
        </>
      ) : overview.isError ? (
        <ErrorNotice error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <FleetRisks terminals={overview.data.terminals} />
      )}
      {alerts}
      {overview.isPending ? (
        <Skeleton className="h-56 w-full" />
      ) : data ? (
        <div
          className={data.voidsByDay ? 'grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]' : 'max-w-xl'}
        >
          <VoidableNow voidable={data.voidable} now={now} onDeadline={() => void overview.refetch()} />
          {data.voidsByDay ? <VoidsChart days={data.voidsByDay} /> : null}
        </div>
      ) : null}
    </div>
  );
}
