import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import { pollInterval } from '@/api/live-status';
import { queryRoots } from '@/api/query-keys';
import * as voidPasswordApi from '@contract/endpoints/void-passwords';

export function jobPollDelay(pollsSoFar: number): number {
  return Math.min(10_000, 1_000 * 2 ** Math.max(0, pollsSoFar - 1));
}

export const bulkResetQueries = {
  all: () => queryRoots.bulkResetJobs,
  job: (id: string) =>
    queryOptions({
      queryKey: [...bulkResetQueries.all(), id] as const,
      queryFn: ({ signal }) =>
        apiClient.call(voidPasswordApi.job, { params: { id }, signal, background: true }),
      refetchInterval: (query) =>
        query.state.data?.job.status === 'finished'
          ? false
          : pollInterval(jobPollDelay(query.state.dataUpdateCount)),
      staleTime: 0,
    }),
};
