// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TerminalDetail } from '@contract/schemas/terminals';
import { MINUTE, SECOND } from './clock';
import { DEMO_TIDS } from './data/demo-fixtures';
import { bodyOf, codeOf, signedIn, testAcquirer, TestClient } from './testing/harness';

describe('the control surface /__mock/*', () => {
  it('resets to fresh data and drops sessions, faults and everything that happened', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await owner.post(`/__mock/terminals/${DEMO_TIDS.offline}/connectivity`, { online: true });
    await owner.post('/__mock/faults', { method: 'GET', path: '/alerts', status: 500 });
    expect((await owner.post('/__mock/reset', {})).status).toBe(204);
    expect(codeOf(await owner.get('/terminals'))).toBe('auth.unauthenticated');
    const again = await signedIn(acquirer, 'owner');
    expect(TerminalDetail.parse((await again.get(`/terminals/${DEMO_TIDS.offline}`)).body).status).toBe(
      'offline',
    );
    expect((await again.get('/alerts')).status).toBe(200);
    expect(acquirer.state.world.seed).toBe('test');
  });

  it('resets to another scenario, seed and instant', async () => {
    const acquirer = testAcquirer();
    const client = new TestClient(acquirer);
    expect(
      (
        await client.post('/__mock/reset', {
          scenario: 'empty',
          seed: 'other',
          now: '2025-01-02T09:00:00+08:00',
        })
      ).status,
    ).toBe(204);
    expect(bodyOf(await client.get('/__mock/state'))).toMatchObject({
      scenario: 'empty',
      seed: 'other',
      now: '2025-01-02T09:00:00.000+08:00',
    });
    expect(bodyOf(await (await signedIn(acquirer, 'owner')).get('/terminals'))).toMatchObject({
      total: 0,
      items: [],
    });
    expect(codeOf(await client.post('/__mock/reset', { scenario: 'huge' }))).toBe('request.malformed');
  });

  it('moves the clock forward or to an instant', async () => {
    const acquirer = testAcquirer();
    const client = new TestClient(acquirer);
    const start = acquirer.now();
    expect(bodyOf(await client.post('/__mock/clock', { advanceMs: 90 * MINUTE }))).toEqual({
      now: '2025-06-11T17:00:00.000+08:00',
    });
    expect(acquirer.now() - start).toBe(90 * MINUTE);
    await client.post('/__mock/clock', { now: '2025-06-12T08:00:00+08:00' });
    expect(acquirer.now()).toBe(Date.parse('2025-06-12T08:00:00+08:00'));
    expect((await client.post('/__mock/clock', { advanceMs: -5 })).status).toBe(400);
  });

  it('takes terminals off and on line, and sets a known void password (custom, not locked)', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    expect(
      (await owner.post(`/__mock/terminals/${DEMO_TIDS.custom}/connectivity`, { online: false })).status,
    ).toBe(204);
    expect(TerminalDetail.parse((await owner.get(`/terminals/${DEMO_TIDS.custom}`)).body).status).toBe(
      'offline',
    );
    expect(
      (await owner.post(`/__mock/terminals/${DEMO_TIDS.locked}/void-password`, { password: '470215' }))
        .status,
    ).toBe(204);
    const locked = TerminalDetail.parse(
      (await owner.get(`/terminals/${DEMO_TIDS.locked}`)).body,
    ).voidPassword;
    expect(locked).toMatchObject({ state: 'custom', lockedUntil: null, failedAttempts: 0 });
    expect(
      (
        await owner.post(`/terminals/${DEMO_TIDS.locked}/void-password/change`, {
          currentPassword: '470215',
          newPassword: '581937',
        })
      ).status,
    ).toBe(202);
    expect((await owner.post('/__mock/terminals/00000000/connectivity', { online: true })).status).toBe(404);
    expect(
      (await owner.post(`/__mock/terminals/${DEMO_TIDS.custom}/void-password`, { password: '12' })).status,
    ).toBe(400);
  });
});

describe('faults', () => {
  it('fails the next matching call with a status (problem details), once by default', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await owner.post('/__mock/faults', { method: 'get', path: '/terminals', status: 503 });
    const failed = await owner.get('/terminals');
    expect(failed.status).toBe(503);
    expect(bodyOf(failed)).toMatchObject({ status: 503, code: 'unavailable' });
    expect((await owner.get('/terminals')).status).toBe(200);
  });

  it('counts `times`, matches `*` and the full path, and leaves other methods and paths alone', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await owner.post('/__mock/faults', { method: 'GET', path: '/api/v1/terminals*', status: 500, times: 2 });
    expect((await owner.get('/alerts')).status).toBe(200);
    expect((await owner.get(`/terminals/${DEMO_TIDS.custom}`)).status).toBe(500);
    expect((await owner.get('/terminals', { q: 'x' })).status).toBe(500);
    expect((await owner.get('/terminals')).status).toBe(200);
  });

  it('answers 429 with Retry-After', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    await owner.post('/__mock/faults', { method: 'POST', path: '/auth/step-up', status: 429 });
    const response = await owner.post('/auth/step-up', { password: 'x' });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe(String(bodyOf<{ retryAfter: number }>(response).retryAfter));
  });

  it('tells the host to drop the connection, to wait, or answers an off-contract body', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await owner.post('/__mock/faults', { method: '*', path: '/alerts', networkError: true });
    expect((await owner.get('/alerts')).fault).toMatchObject({ networkError: true });
    await owner.post('/__mock/faults', { method: 'GET', path: '/alerts', delayMs: 1500 });
    const slow = await owner.get('/alerts');
    expect(slow.status).toBe(200);
    expect(slow.fault).toEqual({ delayMs: 1500 });
    await owner.post('/__mock/faults', { method: 'GET', path: '/alerts', malformed: true });
    const malformed = await owner.get('/alerts');
    expect(malformed.status).toBe(200);
    expect(malformed.body).not.toHaveProperty('serverTime');
  });

  it('does not run a mutation that a fault answered', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const openBefore = acquirer.state.openCommands.size;
    await owner.post('/__mock/faults', {
      method: 'POST',
      path: '/terminals/*/void-password/change',
      status: 502,
    });
    const response = await owner.post(`/terminals/${DEMO_TIDS.defaultPassword}/void-password/change`, {
      currentPassword: '123456',
      newPassword: '470215',
    });
    expect(response.status).toBe(502);
    expect(acquirer.state.openCommands.size).toBe(openBefore);
  });

  it('are cleared by faults/clear', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    await owner.post('/__mock/faults', { method: 'GET', path: '*', status: 500, times: 5 });
    expect((await owner.post('/__mock/faults/clear', {})).status).toBe(204);
    expect((await owner.get('/alerts')).status).toBe(200);
  });

  it('let the clock run from where it was put', async () => {
    const acquirer = testAcquirer();
    const client = new TestClient(acquirer);
    await client.post('/__mock/clock', { advanceMs: 30 * SECOND });
    expect(bodyOf(await client.get('/__mock/state'))).toMatchObject({ now: '2025-06-11T15:30:30.000+08:00' });
  });
});
