// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { JobResponse } from '@/api/schemas/terminals';
import { SECOND } from '../clock';
import { DEMO_TIDS } from '../data/demo-fixtures';
import type { StoragePort } from '../persistence';
import { codeOf, PASSWORDS, signedIn, testAcquirer, type TestClient } from '../testing/harness';

/** Starts a job as the owner (after a step-up unless told not to). */
const start = (owner: TestClient, body: Record<string, unknown>, stepUp = true) =>
  owner.post(
    '/void-password/bulk-resets',
    { newPassword: '470215', ...body },
    stepUp ? { stepUpToken: owner.stepUp(PASSWORDS.owner!) } : {},
  );

describe('bulk reset', () => {
  it('starts a job (202) that queues one reset per terminal as simulated time passes', () => {
    const acquirer = testAcquirer();
    const owner = signedIn(acquirer, 'owner');
    const response = start(owner, { filter: { passwordState: 'default' } });
    expect(response.status).toBe(202);
    const { job } = JobResponse.parse(response.body);
    expect(job).toMatchObject({ total: 4, done: 0, status: 'running', results: [] });

    acquirer.clock.advance(10); // 200 terminals per second: 2 done
    const partial = JobResponse.parse(owner.get(`/jobs/${job.id}`).body).job;
    expect(partial).toMatchObject({ done: 2, status: 'running' });

    acquirer.clock.advance(SECOND);
    const done = JobResponse.parse(owner.get(`/jobs/${job.id}`).body).job;
    expect(done).toMatchObject({ total: 4, done: 4, status: 'finished' });
    // The offline default terminal has no open command yet; all four get one.
    expect(done.succeeded).toBe(4);
    for (const result of done.results) {
      expect(result.commandId).toBeDefined();
      expect(acquirer.state.commands.get(result.commandId!)).toMatchObject({ kind: 'reset', jobId: job.id });
    }
  });

  it('reports per terminal why one failed: an open command, a reused PIN, another merchant', () => {
    const acquirer = testAcquirer();
    const owner = signedIn(acquirer, 'owner');
    owner.post(`/__mock/terminals/${DEMO_TIDS.stalePassword}/void-password`, { password: '470215' });
    const { job } = JobResponse.parse(
      start(owner, {
        terminalIds: [
          DEMO_TIDS.openCommand,
          DEMO_TIDS.stalePassword,
          DEMO_TIDS.merchantBCustom,
          DEMO_TIDS.custom,
        ],
      }).body,
    );
    acquirer.clock.advance(SECOND);
    const done = JobResponse.parse(owner.get(`/jobs/${job.id}`).body).job;
    expect(done.results).toEqual([
      { tid: DEMO_TIDS.openCommand, error: 'command.already_open' },
      { tid: DEMO_TIDS.stalePassword, error: 'pin.reused' },
      { tid: DEMO_TIDS.merchantBCustom, error: 'not_found' },
      { tid: DEMO_TIDS.custom, commandId: expect.any(String) },
    ]);
    expect(done).toMatchObject({ succeeded: 1, failed: 3, status: 'finished' });
  });

  it('needs a step-up, a policy-conforming PIN, and from support a ticket and a reason', () => {
    const acquirer = testAcquirer();
    const owner = signedIn(acquirer, 'owner');
    expect(codeOf(start(owner, { terminalIds: [DEMO_TIDS.custom] }, false))).toBe('auth.step_up_required');
    expect(codeOf(start(owner, { terminalIds: [DEMO_TIDS.custom], newPassword: '123456' }))).toBe(
      'pin.default',
    );
    expect(codeOf(start(owner, { terminalIds: [DEMO_TIDS.custom], filter: {} }))).toBe('request.malformed');
    const support = signedIn(acquirer, 'support');
    const token = support.stepUp(PASSWORDS.support!);
    const body = { terminalIds: [DEMO_TIDS.custom], newPassword: '470215' };
    expect(codeOf(support.post('/void-password/bulk-resets', body, { stepUpToken: token }))).toBe(
      'validation',
    );
    expect(
      support.post(
        '/void-password/bulk-resets',
        { ...body, ticketId: 'TK-2', reason: 'merchant request' },
        { stepUpToken: token },
      ).status,
    ).toBe(202);
    expect(codeOf(signedIn(acquirer, 'cashier').post('/void-password/bulk-resets', body))).toBe(
      'auth.forbidden',
    );
  });

  it('hides a job from other users (404), and survives a reload', () => {
    let saved: string | null = null;
    const storage: StoragePort = { load: () => saved, save: (s) => (saved = s) };
    const acquirer = testAcquirer({ storage });
    const owner = signedIn(acquirer, 'owner');
    const { job } = JobResponse.parse(start(owner, { filter: { passwordState: 'default' } }).body);
    expect(signedIn(acquirer, 'owner2').get(`/jobs/${job.id}`).status).toBe(404);
    expect(signedIn(acquirer, 'support').get(`/jobs/${job.id}`).status).toBe(200);

    const reloaded = testAcquirer({ storage });
    reloaded.clock.advance(SECOND);
    const again = signedIn(reloaded, 'owner');
    expect(JobResponse.parse(again.get(`/jobs/${job.id}`).body).job).toMatchObject({
      status: 'finished',
      succeeded: 4,
    });
  });
});
