import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import { pollInterval } from '@/api/live-status';
import { queryRoots } from '@/api/query-keys';
import * as voidPasswordApi from '@contract/endpoints/void-passwords';
import { OPEN_COMMAND_STATUSES, type PasswordCommandStatus } from '@contract/schemas/commands';

export function isOpenCommand(status: PasswordCommandStatus): boolean {
  return OPEN_COMMAND_STATUSES.includes(status);
}

/** Polling an open command: soon after it was queued, then less often, at most every 30 s. */
export function commandPollDelay(pollsSoFar: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, pollsSoFar - 1));
}

export const passwordCommandQueries = {
  all: () => queryRoots.passwordCommands,
  detail: (id: string) =>
    queryOptions({
      queryKey: [...passwordCommandQueries.all(), id] as const,
      queryFn: ({ signal }) =>
        apiClient.call(voidPasswordApi.command, { params: { id }, signal, background: true }),
      refetchInterval: (query) => {
        const status = query.state.data?.command.status;
        if (status && !isOpenCommand(status)) return false;
        // While the live stream is open its events re-read the command; the poll is a slow safety net.
        return pollInterval(commandPollDelay(query.state.dataUpdateCount));
      },
      // A failed poll is tried again by the next interval, not by a quick retry burst.
      retry: false,
      staleTime: 0,
    }),
};
