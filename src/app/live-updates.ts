import { type QueryClient, type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiClient } from '@/api/client';
import { connectLive } from '@/api/live-events';
import { passwordCommandQueries } from '@/api/queries/password-commands';
import { terminalQueries } from '@/api/queries/terminals';
import { alertQueries } from '@/features/alerts/api/queries';
import { sessionKeys } from '@/features/auth/api/session';
import { overviewQueries } from '@/features/overview/api/queries';
import { bulkResetQueries } from '@/features/passwords/api/queries';
import { transactionQueries } from '@/features/transactions/api/queries';
import type { LiveEvent } from '@contract/schemas/events';

/** What each event makes stale: the screens that show it re-read, nothing else (decision 023). */
export function keysOf(event: LiveEvent): QueryKey[] {
  const terminal = (tid: string) => [...terminalQueries.details(), tid];
  switch (event.type) {
    case 'command':
      return [
        terminal(event.tid),
        passwordCommandQueries.detail(event.commandId).queryKey,
        ...(event.jobId ? [bulkResetQueries.job(event.jobId).queryKey] : []),
        terminalQueries.lists(),
        overviewQueries.all(),
        alertQueries.all(),
      ];
    case 'sale':
      return [
        transactionQueries.all(),
        overviewQueries.all(),
        terminal(event.tid),
        ...(event.transactionType === 'void' ? [alertQueries.all()] : []),
      ];
    case 'alert':
    case 'terminal':
      return [terminal(event.tid), terminalQueries.lists(), overviewQueries.all(), alertQueries.all()];
    case 'resync':
      return [];
  }
}

/**
 * Re-reads what an event made stale, as background requests: an event is not the user's activity, so it
 * must not keep the session alive. A resync re-reads everything but the session.
 */
export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent): void {
  apiClient.inBackground(() => {
    if (event.type === 'resync') {
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== sessionKeys.all[0] });
      return;
    }
    for (const queryKey of keysOf(event)) void queryClient.invalidateQueries({ queryKey });
  });
}

/** Polled queries, re-read at once when the stream goes down: polling takes over from there. */
const POLLED: readonly QueryKey[] = [
  terminalQueries.details(),
  passwordCommandQueries.all(),
  bulkResetQueries.all(),
  overviewQueries.all(),
];

/** One live stream for the signed-in tab, open while it is mounted (the signed-in shell). */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      connectLive({
        onEvent: (event) => applyLiveEvent(queryClient, event),
        onDown: () =>
          apiClient.inBackground(() => {
            for (const queryKey of POLLED) void queryClient.invalidateQueries({ queryKey });
          }),
      }),
    [queryClient],
  );
}
