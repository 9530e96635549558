import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import { connectLive } from '@/api/live-events';
import { queryRoots, terminalDetailsKey, terminalListsKey } from '@/api/query-keys';
import { sessionKeys } from '@/features/auth/api/session';
import type { LiveEvent } from '@contract/schemas/events';

/** What each event makes stale: the screens that show it re-read, nothing else (decision 023). */
export function keysOf(event: LiveEvent): QueryKey[] {
  const terminal = (tid: string) => [...terminalDetailsKey, tid];
  switch (event.type) {
    case 'command':
      return [
        terminal(event.tid),
        [...queryRoots.passwordCommands, event.commandId],
        ...(event.jobId ? [[...queryRoots.bulkResetJobs, event.jobId]] : []),
        terminalListsKey,
        queryRoots.overview,
        queryRoots.alerts,
      ];
    case 'sale':
      return [
        queryRoots.transactions,
        queryRoots.overview,
        terminal(event.tid),
        ...(event.transactionType === 'void' ? [queryRoots.alerts] : []),
      ];
    case 'alert':
    case 'terminal':
      return [terminal(event.tid), terminalListsKey, queryRoots.overview, queryRoots.alerts];
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
  terminalDetailsKey,
  queryRoots.passwordCommands,
  queryRoots.bulkResetJobs,
  queryRoots.overview,
];

/** Opens the tab's live stream; answers the function that closes it. */
export function startLiveUpdates(queryClient: QueryClient): () => void {
  return connectLive({
    onEvent: (event) => applyLiveEvent(queryClient, event),
    onDown: () =>
      apiClient.inBackground(() => {
        for (const queryKey of POLLED) void queryClient.invalidateQueries({ queryKey });
      }),
  });
}
