import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import { queryRoots } from '@/api/query-keys';
import * as alertApi from '@contract/endpoints/alerts';

export const alertQueries = {
  all: () => queryRoots.alerts,
  list: () =>
    queryOptions({
      queryKey: [...alertQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => apiClient.call(alertApi.alerts, { signal }),
    }),
};
