import type { QueryClient } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import { type ApiError, isApiError } from '@/api/errors';
import type { SessionResponse, User } from '@/api/schemas/auth';
import { ErrorCode } from '@/api/schemas/common';
import { idleClock } from '../idle-clock';

/** Why the user is on the sign-in page again; shown there as a message. */
export type SessionEndReason = 'expired' | 'ended' | 'signed-out';

/**
 * The session as the app keeps it in the query cache. It never holds the CSRF token: that
 * lives only in the API client's memory (see acceptSession).
 */
export type Session =
  | { status: 'signed-in'; user: User; idleExpiresAt: string; serverTime: string }
  | { status: 'signed-out'; endedBecause?: SessionEndReason };

export type SignedInSession = Extract<Session, { status: 'signed-in' }>;

export const sessionKeys = {
  all: ['session'] as const,
  current: () => [...sessionKeys.all, 'current'] as const,
};

/**
 * Takes a login/session answer apart: the CSRF token goes to the API client (memory only),
 * the idle deadline to the idle clock, and what remains is safe to cache.
 */
export function acceptSession(response: SessionResponse, receivedAt: number = Date.now()): SignedInSession {
  const { csrfToken, user, idleExpiresAt, serverTime } = response;
  apiClient.setCsrfToken(csrfToken);
  idleClock.start(idleExpiresAt, serverTime, receivedAt);
  return { status: 'signed-in', user, idleExpiresAt, serverTime };
}

export function endReasonOf(error: ApiError): SessionEndReason {
  return error.code === ErrorCode.sessionExpired ? 'expired' : 'ended';
}

/** A 401: the server has no session for us (never signed in, expired, or signed out elsewhere). */
export function isNoSession(error: unknown): error is ApiError {
  return isApiError(error) && error.kind === 'http' && error.status === 401;
}

/**
 * Forgets everything the signed-in user had: the CSRF token, the idle deadline, every
 * cached query and mutation. The session entry becomes "signed out" with the reason, and
 * the route guard, seeing that, sends the user to sign-in (keeping where they were).
 */
export function endSession(queryClient: QueryClient, reason: SessionEndReason): void {
  // Calls in flight when the session ended get their 401s after the first one: the first
  // reason is the true one ("15 minutes without activity"), later ones must not replace it.
  const previous = queryClient.getQueryData<Session>(sessionKeys.current());
  if (previous?.status === 'signed-out' && previous.endedBecause) reason = previous.endedBecause;
  apiClient.setCsrfToken(null);
  idleClock.reset();
  void queryClient.cancelQueries();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
  queryClient.getMutationCache().clear();
  const signedOut: Session = { status: 'signed-out', endedBecause: reason };
  queryClient.setQueryData<Session>(sessionKeys.current(), signedOut);
}

/** Drops every cached query but the session: data of whoever was signed in before. */
function forgetOtherUsersData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
}

/**
 * Stores a fresh login/session answer. If it names another user than the cached session
 * (signed in as someone else in another tab), the previous user's data goes first.
 */
export function storeSession(queryClient: QueryClient, response: SessionResponse): SignedInSession {
  const previous = queryClient.getQueryData<Session>(sessionKeys.current());
  if (previous?.status !== 'signed-in' || previous.user.id !== response.user.id)
    forgetOtherUsersData(queryClient);
  const session = acceptSession(response);
  queryClient.setQueryData<Session>(sessionKeys.current(), session);
  return session;
}
