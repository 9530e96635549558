import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import { pollInterval } from '@/api/live-status';
import { queryRoots } from '@/api/query-keys';
import * as overviewApi from '@contract/endpoints/overview';

export const OVERVIEW_REFRESH_MS = 60_000;

export const overviewQueries = {
  all: () => queryRoots.overview,
  /** A refresh of an overview already on screen is background: it does not keep the session alive. */
  summary: (merchantId?: string) =>
    queryOptions({
      queryKey: [...overviewQueries.all(), merchantId ?? 'all'] as const,
      queryFn: ({ signal, client, queryKey }) =>
        apiClient.call(overviewApi.overview, {
          query: merchantId ? { merchantId } : {},
          signal,
          background: client.getQueryData(queryKey) !== undefined,
        }),
      refetchInterval: () => pollInterval(OVERVIEW_REFRESH_MS),
    }),
};
