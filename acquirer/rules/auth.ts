import type { LoginRequest, SessionResponse, StepUpRequest, StepUpResponse } from '@contract/schemas/auth';
import { ErrorCode } from '@contract/schemas/common';
import { HOUR, MINUTE, SECOND, toIso } from '../clock';
import { type HandlerResult, type RequestContext, userOf } from '../context';
import { randomToken, sameHash, secretMatches, sha256Hex, tokenHash } from '../hash';
import { SimProblem } from '../problem';
import { markChanged, type SimState } from '../state';
import type { SessionRecord, ThrottleRecord, UserRecord } from '../types';
import { audit } from './audit';

export const SESSION_COOKIE = 'mc_session';
export const IDLE_TIMEOUT_MS = 15 * MINUTE;
export const SESSION_MAX_AGE_MS = 12 * HOUR;
export const STEP_UP_TTL_MS = 5 * MINUTE;
export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_THROTTLE_MS = 60 * SECOND;
/** Failures count within this window from the first; after it, a counter that throttled nothing restarts. */
export const LOGIN_WINDOW_MS = 15 * MINUTE;
/** Failed sign-ins of any names from one client IP in a window; then that IP waits out the window. */
export const MAX_LOGIN_FAILURES_PER_IP = 30;

/** Derived from the session token, which only the cookie holds: the state keeps neither, only hashes. */
function csrfTokenOf(sessionToken: string): string {
  return sha256Hex(`csrf:${sessionToken}`).slice(0, 40);
}

function sessionCookie(token: string): string {
  // HttpOnly is what a real server sends; an in-browser mock cannot enforce it.
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`;
}

export function publicUser(user: UserRecord) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    merchantIds: [...user.merchantIds],
  };
}

export function isIdle(session: SessionRecord, now: number): boolean {
  return now - session.lastActivityAt >= IDLE_TIMEOUT_MS || now - session.createdAt >= SESSION_MAX_AGE_MS;
}

export type SessionLookup =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'active'; session: SessionRecord; user: UserRecord; token: string };

export function lookupSession(state: SimState, cookies: Record<string, string>, now: number): SessionLookup {
  const token = cookies[SESSION_COOKIE];
  if (!token) return { kind: 'none' };
  const session = state.sessions.get(tokenHash(token));
  if (!session) return { kind: 'none' };
  if (session.expired) return { kind: 'expired' };
  const user = state.userById.get(session.userId);
  if (!user) return { kind: 'none' };
  if (isIdle(session, now)) {
    session.expired = true;
    session.stepUps = [];
    markChanged(state, 'sessions', session.idHash);
    return { kind: 'expired' };
  }
  return { kind: 'active', session, user, token };
}

export function requireSession(ctx: RequestContext, lookup: SessionLookup): void {
  if (lookup.kind === 'active') {
    ctx.session = lookup.session;
    ctx.user = lookup.user;
    ctx.sessionToken = lookup.token;
    return;
  }
  if (lookup.kind === 'expired') {
    throw new SimProblem(
      401,
      ErrorCode.sessionExpired,
      'The session ended after 15 minutes without activity.',
    );
  }
  throw new SimProblem(401, ErrorCode.unauthenticated, 'Sign in first.');
}

export function recordActivity(ctx: RequestContext): void {
  // The live stream (re)connects by itself: like a poll, it does not keep the session alive.
  if (!ctx.session || ctx.headers['x-background'] === '1' || ctx.endpoint === 'events') return;
  ctx.session.lastActivityAt = ctx.now;
  markChanged(ctx.state, 'sessions', ctx.session.idHash);
}

export function requireCsrf(ctx: RequestContext): void {
  const sent = ctx.headers['x-csrf-token'];
  if (!ctx.session || !sent || !sameHash(tokenHash(sent), ctx.session.csrfHash)) {
    throw new SimProblem(403, ErrorCode.csrf, 'The X-CSRF-Token header is missing or wrong.');
  }
}

function sessionResponse(
  ctx: RequestContext,
  session: SessionRecord,
  user: UserRecord,
  token: string,
): SessionResponse {
  return {
    user: publicUser(user),
    csrfToken: csrfTokenOf(token),
    idleExpiresAt: toIso(
      Math.min(session.lastActivityAt + IDLE_TIMEOUT_MS, session.createdAt + SESSION_MAX_AGE_MS),
    ),
    serverTime: toIso(ctx.now),
  };
}

/** A throttle that ran out, or a count whose window passed without one: nothing left to remember. */
function isSpent(record: ThrottleRecord, now: number): boolean {
  if (record.until !== null) return record.until <= now;
  return now - (record.since ?? 0) >= LOGIN_WINDOW_MS;
}

function liveThrottle(state: SimState, key: string, now: number): ThrottleRecord | null {
  const record = state.throttles.get(key);
  if (!record) return null;
  if (!isSpent(record, now)) return record;
  state.throttles.delete(key);
  markChanged(state, 'throttles', key);
  return null;
}

/** Sign-ins with names nobody has would otherwise leave a record each for ever. */
export function pruneThrottles(state: SimState, now: number): void {
  for (const [key, record] of state.throttles) {
    if (isSpent(record, now)) {
      state.throttles.delete(key);
      markChanged(state, 'throttles', key);
    }
  }
}

function throttleRetryAfter(state: SimState, key: string, now: number): number | null {
  const record = liveThrottle(state, key, now);
  if (!record?.until) return null;
  return Math.ceil((record.until - now) / 1000);
}

function countFailure(
  state: SimState,
  key: string,
  now: number,
  { limit = MAX_LOGIN_FAILURES, throttleMs = LOGIN_THROTTLE_MS } = {},
): { remaining: number; retryAfter: number | null } {
  const record = liveThrottle(state, key, now) ?? { failures: 0, until: null, since: now };
  record.failures++;
  state.throttles.set(key, record);
  markChanged(state, 'throttles', key);
  if (record.failures >= limit) {
    record.until = now + throttleMs;
    return { remaining: 0, retryAfter: Math.ceil(throttleMs / 1000) };
  }
  return { remaining: limit - record.failures, retryAfter: null };
}

function throttled(retryAfter: number): SimProblem {
  return new SimProblem(429, ErrorCode.throttled, `Too many failed attempts. Try again in ${retryAfter} s.`, {
    retryAfter,
  });
}

/** An unknown name runs the same KDF as a known one (against this salt), so timing tells no names. */
export const UNKNOWN_USER_SALT = 'no-such-user';

/** Throws HashesNeeded until the KDF hash is there (decision 014): call it before changing anything. */
function passwordMatches(ctx: RequestContext, user: UserRecord | undefined, password: string): boolean {
  const [kdfHash] = ctx.hashes.of([[user?.salt ?? UNKNOWN_USER_SALT, password]]);
  return (
    user !== undefined && secretMatches(ctx.state.hasher, user.salt, password, user.passwordHash, kdfHash!)
  );
}

export function login(ctx: RequestContext): HandlerResult {
  const { state, now } = ctx;
  const { username, password } = ctx.body as LoginRequest;
  const name = username.trim().toLowerCase();
  // Keyed by a digest: what was typed may be a password in the wrong field, and throttles are stored.
  const key = `login:${state.hasher.digest(`login:${name}`)}`;
  const user = state.userByName.get(name);
  // Only a known username is named in the audit: a password typed into the username field must not be.
  const auditActor = user
    ? { actor: user.username, actorRole: user.role, merchantId: user.merchantIds[0] ?? null }
    : null;

  // Per client IP too, checked first: a throttled IP adds no record and no audit event, whatever the name.
  const ipKey = `login-ip:${ctx.clientIp ?? 'unknown'}`;
  pruneThrottles(state, now);
  const wait = throttleRetryAfter(state, ipKey, now) ?? throttleRetryAfter(state, key, now);
  if (wait !== null) throw throttled(wait);

  if (!passwordMatches(ctx, user, password) || !user) {
    const byName = countFailure(state, key, now);
    const byIp = countFailure(state, ipKey, now, {
      limit: MAX_LOGIN_FAILURES_PER_IP,
      throttleMs: LOGIN_WINDOW_MS,
    });
    const remaining = byName.remaining;
    const retryAfter =
      byName.retryAfter === null && byIp.retryAfter === null
        ? null
        : Math.max(byName.retryAfter ?? 0, byIp.retryAfter ?? 0);
    audit(ctx, {
      action: 'auth.login_failed',
      outcome: 'failure',
      actor: auditActor?.actor ?? 'unknown',
      actorRole: auditActor?.actorRole ?? 'system',
      merchantId: auditActor?.merchantId ?? null,
      target: auditActor?.actor ?? null,
    });
    if (retryAfter !== null) throw throttled(retryAfter);
    throw new SimProblem(401, ErrorCode.invalidCredentials, 'The username or password is wrong.', {
      attemptsRemaining: remaining,
    });
  }

  if (state.throttles.delete(key)) markChanged(state, 'throttles', key);
  // A new session on every sign-in (no fixation): the one the browser held ends.
  const presented = ctx.cookies[SESSION_COOKIE];
  if (presented && state.sessions.delete(tokenHash(presented))) {
    markChanged(state, 'sessions', tokenHash(presented));
  }
  const token = randomToken(32);
  const session: SessionRecord = {
    idHash: tokenHash(token),
    userId: user.id,
    csrfHash: tokenHash(csrfTokenOf(token)),
    createdAt: now,
    lastActivityAt: now,
    expired: false,
    stepUps: [],
  };
  state.sessions.set(session.idHash, session);
  markChanged(state, 'sessions', session.idHash);
  ctx.user = user;
  ctx.session = session;
  audit(ctx, { action: 'auth.login', outcome: 'success', target: user.username });
  ctx.setCookies.push(sessionCookie(token));
  return { body: sessionResponse(ctx, session, user, token) };
}

export function logout(ctx: RequestContext): HandlerResult {
  const session = ctx.session;
  if (session) {
    ctx.state.sessions.delete(session.idHash);
    markChanged(ctx.state, 'sessions', session.idHash);
    // A temporary PIN held for a replay to this session is of no use any more (decision 005).
    for (const [key, held] of ctx.state.temporaryPasswords) {
      if (held.sessionIdHash === session.idHash) ctx.state.temporaryPasswords.delete(key);
    }
  }
  ctx.state.dirty = true;
  audit(ctx, { action: 'auth.logout', outcome: 'success', target: userOf(ctx).username });
  ctx.setCookies.push(clearedSessionCookie());
  return { status: 204 };
}

export function currentSession(ctx: RequestContext): HandlerResult {
  if (!ctx.session || !ctx.sessionToken) throw new Error('session route without a session');
  return { body: sessionResponse(ctx, ctx.session, userOf(ctx), ctx.sessionToken) };
}

export function stepUp(ctx: RequestContext): HandlerResult {
  const { state, now } = ctx;
  const user = userOf(ctx);
  const session = ctx.session!;
  const key = `step-up:${user.id}`;
  pruneThrottles(state, now);
  const wait = throttleRetryAfter(state, key, now);
  if (wait !== null) throw throttled(wait);
  const { password } = ctx.body as StepUpRequest;
  if (!passwordMatches(ctx, user, password)) {
    const { remaining, retryAfter } = countFailure(state, key, now);
    audit(ctx, { action: 'auth.step_up_failed', outcome: 'failure', target: user.username });
    if (retryAfter !== null) throw throttled(retryAfter);
    // 403, not 401: a 401 would sign the user out.
    throw new SimProblem(403, ErrorCode.invalidCredentials, 'The password is wrong.', {
      attemptsRemaining: remaining,
    });
  }
  if (state.throttles.delete(key)) markChanged(state, 'throttles', key);
  const token = randomToken(32);
  const expiresAt = now + STEP_UP_TTL_MS;
  session.stepUps = session.stepUps.filter((s) => s.expiresAt > now);
  session.stepUps.push({ tokenHash: tokenHash(token), expiresAt });
  markChanged(state, 'sessions', session.idHash);
  audit(ctx, { action: 'auth.step_up', outcome: 'success', target: user.username });
  const body: StepUpResponse = { stepUpToken: token, expiresAt: toIso(expiresAt) };
  return { body };
}

export function requireStepUp(ctx: RequestContext): void {
  const sent = ctx.headers['x-step-up-token'];
  const session = ctx.session;
  const valid =
    sent !== undefined &&
    session !== null &&
    session.stepUps.some((s) => s.expiresAt > ctx.now && sameHash(s.tokenHash, tokenHash(sent)));
  if (!valid) {
    throw new SimProblem(
      403,
      ErrorCode.stepUpRequired,
      'Confirm your password again to do this (valid 5 minutes).',
    );
  }
}
