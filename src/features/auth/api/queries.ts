import { queryOptions } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import * as authApi from '@contract/endpoints/auth';
import { isApiError } from '@/api/errors';
import { acceptSession, endReasonOf, isNoSession, type Session, sessionKeys } from './session';

async function fetchSession({ signal }: { signal: AbortSignal }): Promise<Session> {
  try {
    return acceptSession(await apiClient.call(authApi.session, { signal }));
  } catch (error) {
    if (isNoSession(error)) {
      // An expired cookie on reload deserves the same explanation as an expiry while open.
      const reason = endReasonOf(error);
      const signedOut: Session =
        reason === 'expired' ? { status: 'signed-out', endedBecause: reason } : { status: 'signed-out' };
      return signedOut;
    }
    throw error;
  }
}

export const sessionQueries = {
  all: () => sessionKeys.all,
  current: () =>
    queryOptions({
      queryKey: sessionKeys.current(),
      queryFn: fetchSession,
      staleTime: Infinity,
      gcTime: Infinity,
      // Each GET /auth/session counts as activity on the server: never refetch on our own.
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      retry: (failureCount, error) =>
        isApiError(error) &&
        (error.kind === 'network' || error.kind === 'timeout' || error.isServerError) &&
        failureCount < 1,
      // The guard shows its own "could not check" message with a retry.
      throwOnError: false,
    }),
};
