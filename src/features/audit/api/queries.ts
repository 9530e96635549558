import { infiniteQueryOptions } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import * as auditApi from '@contract/endpoints/audit';
import type { AuditQuery } from '@contract/schemas/audit';

export const AUDIT_PAGE_SIZE = 100;

export type AuditListQuery = Omit<AuditQuery, 'cursor' | 'limit'>;

export const auditQueries = {
  all: () => ['audit'] as const,
  list: (query: AuditListQuery) =>
    infiniteQueryOptions({
      queryKey: [...auditQueries.all(), 'list', query] as const,
      queryFn: ({ pageParam, signal }) =>
        apiClient.call(auditApi.auditEvents, {
          query: { ...query, cursor: pageParam, limit: AUDIT_PAGE_SIZE },
          signal,
        }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
};
