import type { QueryClient } from '@tanstack/react-query';
import { apiClient } from '@/api/client';
import { type ApiError, isApiError } from '@/api/errors';
import type { SessionResponse, User } from '@/api/schemas/auth';
import { ErrorCode } from '@/api/schemas/common';
import { forgetSessionMemory } from '@/api/session-memory';
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

const isSessionQuery = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] === sessionKeys.all[0];

/**
 * Drops the data of whoever was signed in: calls in flight are cancelled (a late answer
 * cannot land), every cached query but the session goes, and so does what features hold in
 * memory (the step-up token). The route guard calls it again once the signed-in pages are
 * gone, for a query such a page re-created while it rendered a last time.
 */
export function forgetSignedInData(queryClient: QueryClient): void {
  void queryClient.cancelQueries({ predicate: (query) => !isSessionQuery(query) });
  queryClient.removeQueries({ predicate: (query) => !isSessionQuery(query) });
  forgetSessionMemory();
}

/**
 * Ends the session here. It is marked signed out first — with the reason — so that from then
 * on the guard renders sign-in (keeping where the user was) and no signed-in page asks for
 * data again; then the CSRF token, the idle deadline, the user's data and mutations go.
 */
export function endSession(queryClient: QueryClient, reason: SessionEndReason): void {
  // Calls in flight when the session ended get their 401s after the first one: the first
  // reason is the true one ("15 minutes without activity"), later ones must not replace it.
  const previous = queryClient.getQueryData<Session>(sessionKeys.current());
  if (previous?.status === 'signed-out' && previous.endedBecause) reason = previous.endedBecause;
  const signedOut: Session = { status: 'signed-out', endedBecause: reason };
  queryClient.setQueryData<Session>(sessionKeys.current(), signedOut);
  apiClient.setCsrfToken(null);
  idleClock.reset();
  forgetSignedInData(queryClient);
  queryClient.getMutationCache().clear();
}

/**
 * Stores a fresh login/session answer. If it names another user than the cached session
 * (signed in as someone else in another tab), the previous user's data goes first.
 */
export function storeSession(queryClient: QueryClient, response: SessionResponse): SignedInSession {
  const previous = queryClient.getQueryData<Session>(sessionKeys.current());
  if (previous?.status !== 'signed-in' || previous.user.id !== response.user.id)
    forgetSignedInData(queryClient);
  const session = acceptSession(response);
  queryClient.setQueryData<Session>(sessionKeys.current(), session);
  return session;
}
