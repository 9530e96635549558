import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import { queryRoots } from '@/api/query-keys';
import * as transactionApi from '@contract/endpoints/transactions';
import type { TransactionQuery, VoidSummaryQuery } from '@contract/schemas/transactions';

export const TRANSACTION_PAGE_SIZE = 100;

export type TransactionListQuery = Omit<TransactionQuery, 'cursor' | 'limit'>;

/** `background`: a refresh the user did not ask for does not keep the session alive. */
interface FetchMode {
  background?: boolean;
}

export const transactionQueries = {
  all: () => queryRoots.transactions,
  lists: () => [...transactionQueries.all(), 'list'] as const,
  list: (query: TransactionListQuery, { background = false }: FetchMode = {}) =>
    infiniteQueryOptions({
      queryKey: [...transactionQueries.lists(), query] as const,
      queryFn: ({ pageParam, signal }) =>
        apiClient.call(transactionApi.transactions, {
          query: { ...query, cursor: pageParam, limit: TRANSACTION_PAGE_SIZE },
          signal,
          background,
        }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...transactionQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => apiClient.call(transactionApi.transaction, { params: { id }, signal }),
    }),
  voidSummary: (query: VoidSummaryQuery, { background = false }: FetchMode = {}) =>
    queryOptions({
      queryKey: [...transactionQueries.all(), 'void-summary', query] as const,
      queryFn: ({ signal }) => apiClient.call(transactionApi.voidSummary, { query, signal, background }),
    }),
};
