import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '@/components/error-notice';
import { Skeleton } from '@/components/skeleton';
import { useServerNow } from '@/components/use-server-now';
import { overviewQueries } from '../api/queries';
import { FleetRisks } from './fleet-risks';
import { VoidableNow } from './voidable-now';
import { VoidsChart } from './voids-chart';

/**
 * The merchant's security and money at a glance: void-password risks of the fleet, what can
 * still be voided now and until when, and voids per day over two weeks. `alerts` (the risk
 * alerts, from their own feature, with links to act) come right after the fleet's risks.
 */
export function OverviewSummary({ alerts }: { alerts?: ReactNode }) {
  const { t } = useTranslation();
  const overview = useQuery(overviewQueries.summary());
  const now = useServerNow(
    overview.data && { serverTime: overview.data.serverTime, receivedAt: overview.dataUpdatedAt },
  );

  if (overview.isPending) {
    return (
      <div aria-busy="true" className="space-y-6">
        <p role="status" className="sr-only">
          {t('app.loading')}
        </p>
        <Skeleton className="h-40 w-full" />
        {alerts}
        <Skeleton className="h-56 w-full" />
      </div>
    );
  }
  if (overview.isError) {
    return (
      <div className="space-y-6">
        <ErrorNotice error={overview.error} onRetry={() => void overview.refetch()} />
        {alerts}
      </div>
    );
  }
  const data = overview.data;
  return (
    <div className="space-y-6">
      <FleetRisks terminals={data.terminals} />
      {alerts}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <VoidableNow voidable={data.voidable} now={now} onDeadline={() => void overview.refetch()} />
        <VoidsChart days={data.voidsByDay} />
      </div>
    </div>
  );
}
