import type { QueryClient } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import { type ApiError, isApiError } from '@/api/errors';
import type { SessionResponse, User } from '@contract/schemas/auth';
import { ErrorCode } from '@contract/schemas/common';
import { forgetSessionMemory } from '@/api/session-memory';
import { idleClock } from '../idle-clock';

export type SessionEndReason = 'expired' | 'ended' | 'signed-out';

/** Never holds the CSRF token: that lives only in the API client's memory. */
export type Session =
  | { status: 'signed-in'; user: User; idleExpiresAt: string; serverTime: string }
  | { status: 'signed-out'; endedBecause?: SessionEndReason };

export type SignedInSession = Extract<Session, { status: 'signed-in' }>;

export const sessionKeys = {
  all: ['session'] as const,
  current: () => [...sessionKeys.all, 'current'] as const,
};

export function acceptSession(response: SessionResponse, receivedAt: number = Date.now()): SignedInSession {
  const { csrfToken, user, idleExpiresAt, serverTime } = response;
  apiClient.setCsrfToken(csrfToken);
  idleClock.start(idleExpiresAt, serverTime, receivedAt);
  return { status: 'signed-in', user, idleExpiresAt, serverTime };
}

export function endReasonOf(error: ApiError): SessionEndReason {
  return error.code === ErrorCode.sessionExpired ? 'expired' : 'ended';
}

export function isNoSession(error: unknown): error is ApiError {
  return isApiError(error) && error.kind === 'http' && error.status === 401;
}

const isSessionQuery = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] === sessionKeys.all[0];

/**
 * Cancels calls in flight so a late answer cannot land; the guard calls it again once signed-in pages are
 * gone.
 */
export function forgetSignedInData(queryClient: QueryClient): void {
  void queryClient.cancelQueries({ predicate: (query) => !isSessionQuery(query) });
  queryClient.removeQueries({ predicate: (query) => !isSessionQuery(query) });
  forgetSessionMemory();
}

/** Marked signed out first, so the guard renders sign-in and no signed-in page asks for data again. */
export function endSession(queryClient: QueryClient, reason: SessionEndReason): void {
  // Later 401s of calls in flight must not replace the first, true reason.
  const previous = queryClient.getQueryData<Session>(sessionKeys.current());
  if (previous?.status === 'signed-out' && previous.endedBecause) reason = previous.endedBecause;
  const signedOut: Session = { status: 'signed-out', endedBecause: reason };
  queryClient.setQueryData<Session>(sessionKeys.current(), signedOut);
  apiClient.setCsrfToken(null);
  idleClock.reset();
  forgetSignedInData(queryClient);
  queryClient.getMutationCache().clear();
}

/** Another user than the cached one (another tab): the previous user's data goes first. */
export function storeSession(queryClient: QueryClient, response: SessionResponse): SignedInSession {
  const previous = queryClient.getQueryData<Session>(sessionKeys.current());
  if (previous?.status !== 'signed-in' || previous.user.id !== response.user.id)
    forgetSignedInData(queryClient);
  const session = acceptSession(response);
  queryClient.setQueryData<Session>(sessionKeys.current(), session);
  return session;
}
