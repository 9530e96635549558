// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SessionResponse, StepUpResponse } from '@contract/schemas/auth';
import { MINUTE, SECOND } from '../clock';
import { bodyOf, codeOf, PASSWORDS, signedIn, TestClient, testAcquirer } from '../testing/harness';

describe('sign-in', () => {
  it('answers the user, a CSRF token and a session cookie', async () => {
    const acquirer = testAcquirer();
    const client = new TestClient(acquirer);
    const response = await client.login('owner', PASSWORDS.owner!);
    expect(response.status).toBe(200);
    const body = SessionResponse.parse(response.body);
    expect(body.user).toMatchObject({ username: 'owner', role: 'owner', merchantIds: ['822330154110023'] });
    expect(response.setCookies?.[0]).toMatch(/^mc_session=[a-z0-9]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(response.headers['date']).toBe(new Date(acquirer.now()).toUTCString());
  });

  it('keeps only hashes of the session and CSRF tokens', async () => {
    const acquirer = testAcquirer();
    const client = await signedIn(acquirer, 'owner');
    const stored = JSON.stringify([...acquirer.state.sessions.values()]);
    expect(stored).not.toContain(client.sessionCookie!);
    expect(stored).not.toContain(client.csrfToken!);
  });

  it('refuses a wrong password with the attempts left, and an unknown user the same way', async () => {
    const client = new TestClient(testAcquirer());
    const wrong = await client.login('owner', 'nope');
    expect(wrong.status).toBe(401);
    expect(bodyOf(wrong)).toMatchObject({ code: 'auth.invalid_credentials', attemptsRemaining: 4 });
    expect(wrong.headers['content-type']).toBe('application/problem+json');
    const unknown = await client.login('nobody', 'nope');
    expect(unknown.status).toBe(401);
    expect(codeOf(unknown)).toBe('auth.invalid_credentials');
  });

  it('throttles a username after 5 failures in a row, with Retry-After, until 60 s pass', async () => {
    const acquirer = testAcquirer();
    const client = new TestClient(acquirer);
    for (let i = 1; i <= 4; i++) expect((await client.login('cashier', `wrong-${i}`)).status).toBe(401);
    const fifth = await client.login('cashier', 'wrong-5');
    expect(fifth.status).toBe(429);
    expect(bodyOf(fifth)).toMatchObject({ code: 'auth.throttled', retryAfter: 60 });
    expect(fifth.headers['retry-after']).toBe('60');

    // Even the right password waits.
    acquirer.clock.advance(20 * SECOND);
    const during = await client.login('cashier', PASSWORDS.cashier!);
    expect(during.status).toBe(429);
    expect(during.headers['retry-after']).toBe('40');
    // Another username is not affected.
    expect((await new TestClient(acquirer).login('owner', PASSWORDS.owner!)).status).toBe(200);

    acquirer.clock.advance(40 * SECOND);
    expect((await client.login('cashier', PASSWORDS.cashier!)).status).toBe(200);
  });

  it('throttles a client IP after 30 failed sign-ins of any names; its state and audit stay bounded', async () => {
    const acquirer = testAcquirer();
    const flood = new TestClient(acquirer, '198.51.100.9');
    const liveAudit = () => acquirer.state.audit.length - acquirer.state.generatedAuditCount;
    const statuses: number[] = [];
    for (let i = 0; i < 500; i++)
      statuses.push((await flood.login(`nobody-${i}-${i * 7919}`, 'guess')).status);
    expect(statuses.slice(0, 29)).toEqual(Array(29).fill(401));
    expect(statuses.slice(29)).toEqual(Array(471).fill(429));
    const throttled = await flood.login('someone-else', 'guess');
    expect(bodyOf(throttled)).toMatchObject({ code: 'auth.throttled', retryAfter: 15 * 60 });
    expect(throttled.headers['retry-after']).toBe(String(15 * 60));
    expect(throttled.headers['content-type']).toBe('application/problem+json');
    // One record per name tried before the IP was throttled, and the IP's own; one audit event per attempt.
    expect(acquirer.state.throttles.size).toBeLessThanOrEqual(31);
    expect(liveAudit()).toBe(30);
    // Even a right password from that IP waits; another IP is not affected.
    expect((await flood.login('owner', PASSWORDS.owner!)).status).toBe(429);
    expect((await new TestClient(acquirer, '192.0.2.1').login('owner', PASSWORDS.owner!)).status).toBe(200);

    // After the window the counters are gone and the IP may try again.
    acquirer.clock.advance(15 * MINUTE);
    expect((await flood.login('nobody-again', 'guess')).status).toBe(401);
    expect(acquirer.state.throttles.size).toBe(2); // that name and that IP, counting afresh
  });

  it('forgets a name’s failures 15 minutes after the first, and prunes them', async () => {
    const acquirer = testAcquirer();
    const client = new TestClient(acquirer);
    for (let i = 0; i < 4; i++) await client.login('owner', 'wrong');
    acquirer.clock.advance(15 * MINUTE - 1);
    expect(acquirer.state.throttles.size).toBe(2);
    acquirer.clock.advance(1);
    // Any sign-in prunes what is spent, before anything is counted.
    await signedIn(acquirer, 'support');
    expect(acquirer.state.throttles.size).toBe(0);
    expect(bodyOf(await client.login('owner', 'wrong'))).toMatchObject({ attemptsRemaining: 4 });
  });

  it('resets the failure count after a successful sign-in', async () => {
    const client = new TestClient(testAcquirer());
    for (let i = 0; i < 4; i++) await client.login('owner', 'wrong');
    expect((await client.login('owner', PASSWORDS.owner!)).status).toBe(200);
    expect(bodyOf(await client.login('owner', 'wrong'))).toMatchObject({ attemptsRemaining: 4 });
  });

  it('audits successful and failed sign-ins without the password', async () => {
    const acquirer = testAcquirer();
    const client = new TestClient(acquirer);
    await client.login('owner', 'secret-typo-123');
    await client.login('owner', PASSWORDS.owner!);
    const live = acquirer.state.audit.slice(acquirer.state.generatedAuditCount);
    expect(live.map((e) => [e.action, e.actor, e.outcome, e.clientIp])).toEqual([
      ['auth.login_failed', 'owner', 'failure', '203.0.113.7'],
      ['auth.login', 'owner', 'success', '203.0.113.7'],
    ]);
    expect(JSON.stringify(acquirer.state.audit)).not.toContain('secret-typo-123');
  });
});

describe('session', () => {
  it('answers the same CSRF token, the idle deadline and the server time', async () => {
    const acquirer = testAcquirer();
    const client = await signedIn(acquirer, 'owner');
    const response = await client.get('/auth/session');
    expect(response.status).toBe(200);
    const body = SessionResponse.parse(response.body);
    expect(body.csrfToken).toBe(client.csrfToken);
    expect(Date.parse(body.idleExpiresAt) - Date.parse(body.serverTime)).toBe(15 * MINUTE);
  });

  it('is 401 auth.unauthenticated without a session', async () => {
    const client = new TestClient(testAcquirer());
    expect(codeOf(await client.get('/auth/session'))).toBe('auth.unauthenticated');
    expect((await client.get('/terminals')).status).toBe(401);
  });

  it('ends after 15 idle minutes with auth.session_expired', async () => {
    const acquirer = testAcquirer();
    const client = await signedIn(acquirer, 'owner');
    acquirer.clock.advance(15 * MINUTE - 1);
    expect((await client.get('/terminals')).status).toBe(200);
    acquirer.clock.advance(15 * MINUTE - 1);
    expect((await client.get('/terminals')).status).toBe(200); // activity moved the deadline
    acquirer.clock.advance(15 * MINUTE);
    const expired = await client.get('/terminals');
    expect(expired.status).toBe(401);
    expect(codeOf(expired)).toBe('auth.session_expired');
    expect(codeOf(await client.get('/auth/session'))).toBe('auth.session_expired');
  });

  it('does not count X-Background requests as activity', async () => {
    const acquirer = testAcquirer();
    const client = await signedIn(acquirer, 'owner');
    for (let i = 0; i < 3; i++) {
      acquirer.clock.advance(4 * MINUTE);
      expect((await client.get('/alerts', undefined, { background: true })).status).toBe(200);
    }
    // 16 minutes since the last user action, though polling went on.
    acquirer.clock.advance(4 * MINUTE);
    expect(codeOf(await client.get('/alerts', undefined, { background: true }))).toBe('auth.session_expired');
  });

  it('logs out with 204, clears the cookie, and the session is gone', async () => {
    const acquirer = testAcquirer();
    const client = await signedIn(acquirer, 'owner');
    const token = client.sessionCookie!;
    const response = await client.post('/auth/logout');
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect(response.setCookies?.[0]).toMatch(/^mc_session=; .*Max-Age=0/);
    client.cookies.mc_session = token; // replaying the old cookie does not help
    expect(codeOf(await client.get('/terminals'))).toBe('auth.unauthenticated');
  });
});

describe('CSRF', () => {
  it('refuses a mutation without the token, or with a wrong one, with 403 auth.csrf', async () => {
    const client = await signedIn(testAcquirer(), 'owner');
    const missing = await client.post('/auth/logout', undefined, { noCsrf: true });
    expect(missing.status).toBe(403);
    expect(codeOf(missing)).toBe('auth.csrf');
    const wrong = await client.post('/auth/logout', undefined, {
      noCsrf: true,
      headers: { 'x-csrf-token': 'f'.repeat(40) },
    });
    expect(codeOf(wrong)).toBe('auth.csrf');
    expect((await client.post('/auth/logout')).status).toBe(204);
  });

  it('does not accept the token of another session', async () => {
    const acquirer = testAcquirer();
    const a = await signedIn(acquirer, 'owner');
    const b = await signedIn(acquirer, 'support');
    const response = await a.post('/auth/logout', undefined, {
      noCsrf: true,
      headers: { 'x-csrf-token': b.csrfToken! },
    });
    expect(codeOf(response)).toBe('auth.csrf');
  });
});

describe('step-up', () => {
  it('gives a token valid 5 minutes for the reset endpoints', async () => {
    const acquirer = testAcquirer();
    const client = await signedIn(acquirer, 'owner');
    const response = await client.post('/auth/step-up', { password: PASSWORDS.owner });
    expect(response.status).toBe(200);
    const body = StepUpResponse.parse(response.body);
    expect(Date.parse(body.expiresAt) - acquirer.now()).toBe(5 * MINUTE);
  });

  it('answers a wrong password with 403 (never 401, which would sign the user out)', async () => {
    const client = await signedIn(testAcquirer(), 'owner');
    const response = await client.post('/auth/step-up', { password: 'wrong' });
    expect(response.status).toBe(403);
    expect(codeOf(response)).toBe('auth.invalid_credentials');
    expect((await client.get('/auth/session')).status).toBe(200);
  });

  it('is bound to the session that asked for it', async () => {
    const acquirer = testAcquirer();
    const first = await signedIn(acquirer, 'owner');
    const token = await first.stepUp(PASSWORDS.owner!);
    const second = await signedIn(acquirer, 'owner');
    const response = await second.post(
      '/terminals/58100101/void-password/reset',
      { newPassword: '470215' },
      { stepUpToken: token },
    );
    expect(codeOf(response)).toBe('auth.step_up_required');
  });
});
