import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import * as alertApi from '@contract/endpoints/alerts';

export const alertQueries = {
  all: () => ['alerts'] as const,
  list: () =>
    queryOptions({
      queryKey: [...alertQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => apiClient.call(alertApi.alerts, { signal }),
    }),
};
