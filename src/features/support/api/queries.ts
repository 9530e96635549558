import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { apiClient } from '@/api/client';
import * as merchantApi from '@contract/endpoints/merchants';

export const merchantQueries = {
  all: () => ['merchants'] as const,
  search: (q: string) =>
    queryOptions({
      queryKey: [...merchantQueries.all(), 'search', q] as const,
      queryFn: ({ signal }) => apiClient.call(merchantApi.merchants, { query: { q }, signal }),
      placeholderData: keepPreviousData,
    }),
  detail: (mid: string) =>
    queryOptions({
      queryKey: [...merchantQueries.all(), 'detail', mid] as const,
      queryFn: ({ signal }) => apiClient.call(merchantApi.merchant, { params: { mid }, signal }),
    }),
};

export const MerchantSearchView = z.object({ q: z.optional(z.string().check(z.maxLength(64))) });
