import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import { queryRoots, terminalDetailsKey, terminalListsKey } from '@/api/query-keys';
import * as terminalApi from '@contract/endpoints/terminals';
import * as voidPasswordApi from '@contract/endpoints/void-passwords';
import type { TerminalListQuery } from '@contract/schemas/terminals';

export const TERMINAL_PAGE_SIZE = 100;

export type FleetQuery = Omit<TerminalListQuery, 'cursor' | 'limit'>;

/** `background`: a refresh the user did not ask for does not keep the session alive. */
interface FetchMode {
  background?: boolean;
}

export const terminalQueries = {
  all: () => queryRoots.terminals,
  lists: () => terminalListsKey,
  list: (query: FleetQuery, { background = false }: FetchMode = {}) =>
    infiniteQueryOptions({
      queryKey: [...terminalQueries.lists(), query] as const,
      queryFn: ({ pageParam, signal }) =>
        apiClient.call(terminalApi.terminals, {
          query: { ...query, cursor: pageParam, limit: TERMINAL_PAGE_SIZE },
          signal,
          background,
        }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  details: () => terminalDetailsKey,
  detail: (tid: string, { background = false }: FetchMode = {}) =>
    queryOptions({
      queryKey: [...terminalQueries.details(), tid] as const,
      queryFn: ({ signal }) => apiClient.call(terminalApi.terminal, { params: { tid }, signal, background }),
    }),
  commands: (tid: string, { background = false }: FetchMode = {}) =>
    queryOptions({
      queryKey: [...terminalQueries.details(), tid, 'commands'] as const,
      queryFn: ({ signal }) =>
        apiClient.call(voidPasswordApi.commandHistory, { params: { tid }, signal, background }),
    }),
  facets: (merchantId?: string) =>
    queryOptions({
      queryKey: [...terminalQueries.all(), 'facets', merchantId ?? 'all'] as const,
      queryFn: ({ signal }) =>
        apiClient.call(terminalApi.terminalFacets, { query: merchantId ? { merchantId } : {}, signal }),
      staleTime: 5 * 60_000,
    }),
};
