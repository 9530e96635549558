// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { JobResponse } from '@contract/schemas/terminals';
import { SECOND } from '../clock';
import { DEMO_TIDS } from '../data/demo-fixtures';
import type { StoragePort } from '../persistence';
import { codeOf, PASSWORDS, signedIn, testAcquirer, type TestClient } from '../testing/harness';

const start = async (owner: TestClient, body: Record<string, unknown>, stepUp = true) =>
  await owner.post(
    '/void-password/bulk-resets',
    { newPassword: '470215', ...body },
    stepUp ? { stepUpToken: await owner.stepUp(PASSWORDS.owner!) } : {},
  );

describe('bulk reset', () => {
  it('starts a job (202) that queues one reset per terminal as simulated time passes', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const response = await start(owner, { filter: { passwordState: 'default' } });
    expect(response.status).toBe(202);
    const { job } = JobResponse.parse(response.body);
    expect(job).toMatchObject({ total: 4, done: 0, waiting: 0, status: 'running', results: [] });

    acquirer.clock.advance(10); // 200 terminals per second: 2 queued
    const partial = JobResponse.parse((await owner.get(`/jobs/${job.id}`)).body).job;
    expect(partial).toMatchObject({ done: 0, waiting: 2, status: 'running' });

    acquirer.clock.advance(SECOND);
    const queued = JobResponse.parse((await owner.get(`/jobs/${job.id}`)).body).job;
    // Every terminal has its command, none has applied it yet: nothing is done.
    expect(queued).toMatchObject({ total: 4, done: 0, succeeded: 0, waiting: 4, status: 'running' });
    for (const result of queued.results) {
      expect(result).toMatchObject({ commandStatus: 'queued' });
      expect(acquirer.state.commands.get(result.commandId!)).toMatchObject({ kind: 'reset', jobId: job.id });
    }
  });

  it('is done only as terminals apply it, and finishes when the offline one connects', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const { job } = JobResponse.parse((await start(owner, { filter: { passwordState: 'default' } })).body);
    acquirer.clock.advance(SECOND + 30 * SECOND); // every online terminal checked in once
    const applied = JobResponse.parse((await owner.get(`/jobs/${job.id}`)).body).job;
    expect(applied).toMatchObject({ done: 3, succeeded: 3, failed: 0, waiting: 1, status: 'running' });
    expect(applied.results.find((r) => r.tid === DEMO_TIDS.offline)).toMatchObject({
      commandStatus: 'queued',
      online: false,
    });
    expect(applied.results.filter((r) => r.commandStatus === 'applied')).toHaveLength(3);

    await owner.post(`/__mock/terminals/${DEMO_TIDS.offline}/connectivity`, { online: true });
    acquirer.clock.advance(30 * SECOND);
    const finished = JobResponse.parse((await owner.get(`/jobs/${job.id}`)).body).job;
    expect(finished).toMatchObject({ done: 4, succeeded: 4, waiting: 0, status: 'finished' });
  });

  it('counts an expired command as failed: the terminal never took the new PIN', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const { job } = JobResponse.parse((await start(owner, { terminalIds: [DEMO_TIDS.offline] })).body);
    acquirer.clock.advance(73 * 60 * 60 * SECOND);
    const later = await signedIn(acquirer, 'owner'); // the first session ended long ago
    const expired = JobResponse.parse((await later.get(`/jobs/${job.id}`)).body).job;
    expect(expired).toMatchObject({ done: 1, succeeded: 0, failed: 1, waiting: 0, status: 'finished' });
    expect(expired.results[0]).toMatchObject({ commandStatus: 'expired' });
  });

  it('reports per terminal why one failed: an open command, a reused PIN, another merchant', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await owner.post(`/__mock/terminals/${DEMO_TIDS.stalePassword}/void-password`, { password: '470215' });
    const { job } = JobResponse.parse(
      (
        await start(owner, {
          terminalIds: [
            DEMO_TIDS.openCommand,
            DEMO_TIDS.stalePassword,
            DEMO_TIDS.merchantBCustom,
            DEMO_TIDS.custom,
          ],
        })
      ).body,
    );
    acquirer.clock.advance(SECOND);
    const done = JobResponse.parse((await owner.get(`/jobs/${job.id}`)).body).job;
    expect(done.results).toEqual([
      { tid: DEMO_TIDS.openCommand, error: 'command.already_open' },
      { tid: DEMO_TIDS.stalePassword, error: 'pin.reused' },
      { tid: DEMO_TIDS.merchantBCustom, error: 'not_found' },
      { tid: DEMO_TIDS.custom, commandId: expect.any(String), commandStatus: 'queued', online: true },
    ]);
    expect(done).toMatchObject({ succeeded: 0, failed: 3, waiting: 1, status: 'running' });
    acquirer.clock.advance(30 * SECOND);
    expect(JobResponse.parse((await owner.get(`/jobs/${job.id}`)).body).job).toMatchObject({
      succeeded: 1,
      failed: 3,
      status: 'finished',
    });
  });

  it('needs a step-up, a policy-conforming PIN, and from support a ticket and a reason', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    expect(codeOf(await start(owner, { terminalIds: [DEMO_TIDS.custom] }, false))).toBe(
      'auth.step_up_required',
    );
    expect(codeOf(await start(owner, { terminalIds: [DEMO_TIDS.custom], newPassword: '123456' }))).toBe(
      'pin.default',
    );
    expect(codeOf(await start(owner, { terminalIds: [DEMO_TIDS.custom], filter: {} }))).toBe(
      'request.malformed',
    );
    const support = await signedIn(acquirer, 'support');
    const token = await support.stepUp(PASSWORDS.support!);
    const body = { terminalIds: [DEMO_TIDS.custom], newPassword: '470215' };
    expect(codeOf(await support.post('/void-password/bulk-resets', body, { stepUpToken: token }))).toBe(
      'validation',
    );
    expect(
      (
        await support.post(
          '/void-password/bulk-resets',
          { ...body, ticketId: 'TK-2', reason: 'merchant request' },
          { stepUpToken: token },
        )
      ).status,
    ).toBe(202);
    expect(codeOf(await (await signedIn(acquirer, 'cashier')).post('/void-password/bulk-resets', body))).toBe(
      'auth.forbidden',
    );
  });

  it('hides a job from other users (404), and survives a reload', async () => {
    let saved: string | null = null;
    const storage: StoragePort = { load: () => saved, save: (s) => (saved = s) };
    const acquirer = testAcquirer({ storage });
    const owner = await signedIn(acquirer, 'owner');
    const { job } = JobResponse.parse((await start(owner, { filter: { passwordState: 'default' } })).body);
    expect((await (await signedIn(acquirer, 'owner2')).get(`/jobs/${job.id}`)).status).toBe(404);
    expect((await (await signedIn(acquirer, 'support')).get(`/jobs/${job.id}`)).status).toBe(200);

    const reloaded = testAcquirer({ storage });
    reloaded.clock.advance(SECOND + 30 * SECOND);
    const again = await signedIn(reloaded, 'owner');
    expect(JobResponse.parse((await again.get(`/jobs/${job.id}`)).body).job).toMatchObject({
      status: 'running',
      succeeded: 3,
      waiting: 1,
    });
  });
});
