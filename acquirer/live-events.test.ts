// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { LiveEvent } from '@contract/schemas/events';
import type { Acquirer } from './acquirer';
import { DEMO_TIDS, MERCHANT_A } from './data/demo-fixtures';
import { followLive, isLiveStreamStart, type LiveMessage, memoryLiveFeed, visibleTo } from './live-events';
import { bodyOf, codeOf, signedIn, testAcquirer, type TestClient } from './testing/harness';

/** Opens a user's stream as a host does: GET /events, then follow the feed from where it says. */
async function streamOf(acquirer: Acquirer, client: TestClient, lastEventId?: string) {
  const answer = await client.get('/events', undefined, {
    headers: lastEventId === undefined ? {} : { 'last-event-id': lastEventId },
  });
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toBe('text/event-stream');
  if (!isLiveStreamStart(answer.body)) throw new Error('not a live stream');
  const messages: LiveMessage[] = [];
  const stop = followLive(acquirer.live, answer.body, (m) => messages.push(m), acquirer.now);
  return {
    messages,
    stop,
    events: () => messages.map((m) => LiveEvent.parse(JSON.parse(m.data))),
    text: () => messages.map((m) => m.data).join('\n'),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('live events (decision 023)', () => {
  it('follows a reset with a temporary PIN from queued to applied, with no PIN in any event', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const stream = await streamOf(acquirer, owner);
    const reset = await owner.post(
      `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
      { generateTemporary: true },
      { stepUpToken: await owner.stepUp('owner-demo-1') },
    );
    expect(reset.status).toBe(202);
    const { command, temporaryPassword } = bodyOf<{ command: { id: string }; temporaryPassword: string }>(
      reset,
    );
    expect(temporaryPassword).toMatch(/^\d{6}$/);
    // The terminal is online: it picks the command up at its next heartbeat (within 30 s).
    expect((await owner.post('/__mock/clock', { advanceMs: 31_000 })).status).toBe(200);
    await owner.get('/auth/session');

    const commandEvents = stream.events().filter((e) => e.type === 'command');
    expect(commandEvents.map((e) => [e.commandId, e.status, e.tid])).toEqual([
      [command.id, 'queued', DEMO_TIDS.defaultPassword],
      [command.id, 'applied', DEMO_TIDS.defaultPassword],
    ]);
    // Off the factory PIN: that alert ended.
    expect(stream.events()).toContainEqual(
      expect.objectContaining({ type: 'alert', alert: 'default_password', active: false }),
    );
    expect(stream.text()).not.toContain(temporaryPassword);
    // Only these fields, ever: no verifier, hash, token or session.
    const fields = new Set(stream.events().flatMap((e) => Object.keys(e)));
    expect([...fields].sort()).toEqual(
      ['active', 'alert', 'at', 'commandId', 'kind', 'merchantId', 'status', 'tid', 'type'].sort(),
    );
    // Ids increase.
    const ids = stream.messages.map((m) => Number(m.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('announces a sale, a terminal going offline and a lockout, each to whom may see it', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const cashier = await signedIn(acquirer, 'cashier');
    const support = await signedIn(acquirer, 'support');
    const owner2 = await signedIn(acquirer, 'owner2');
    const streams = {
      owner: await streamOf(acquirer, owner),
      cashier: await streamOf(acquirer, cashier),
      support: await streamOf(acquirer, support),
      owner2: await streamOf(acquirer, owner2),
    };
    const sale = await owner.post(`/__mock/terminals/${DEMO_TIDS.custom}/sales`, {
      amount: 1250,
      method: 'wechat_qr',
    });
    expect(sale.status).toBe(201);
    await owner.post(`/__mock/terminals/${DEMO_TIDS.custom}/connectivity`, { online: false });
    // Five wrong current PINs lock the void password.
    for (let i = 0; i < 5; i++) {
      await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
        currentPassword: '000000',
        newPassword: '470215',
      });
    }
    const kinds = (name: keyof typeof streams) =>
      streams[name].events().map((e) => (e.type === 'alert' ? `alert:${e.alert}:${e.active}` : e.type));

    expect(kinds('owner')).toEqual(['sale', 'terminal', 'alert:lockout:true']);
    expect(kinds('support')).toEqual(['sale', 'terminal', 'alert:lockout:true']);
    // A cashier sees sales and connectivity, nothing of the void password (decision 010).
    expect(kinds('cashier')).toEqual(['sale', 'terminal']);
    // Another merchant's owner sees nothing of merchant A.
    expect(kinds('owner2')).toEqual([]);
    const [saleEvent, offline] = streams.owner.events();
    expect(saleEvent).toMatchObject({
      type: 'sale',
      transactionId: bodyOf<{ id: string }>(sale).id,
      transactionType: 'sale',
      merchantId: MERCHANT_A,
      tid: DEMO_TIDS.custom,
    });
    expect(offline).toMatchObject({ type: 'terminal', online: false, tid: DEMO_TIDS.custom });
  });

  it('resumes after Last-Event-ID, and asks for a resync when that is no longer kept', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const first = await streamOf(acquirer, owner);
    await owner.post(`/__mock/terminals/${DEMO_TIDS.custom}/connectivity`, { online: false });
    const lastId = first.messages.at(-1)!.id;
    first.stop();
    // Missed while disconnected.
    await owner.post(`/__mock/terminals/${DEMO_TIDS.custom}/connectivity`, { online: true });
    const resumed = await streamOf(acquirer, owner, lastId);
    await settle();
    expect(resumed.events()).toEqual([expect.objectContaining({ type: 'terminal', online: true })]);

    const stale = await streamOf(acquirer, owner, '1');
    await settle();
    expect(stale.events()).toEqual([expect.objectContaining({ type: 'resync' })]);

    const malformed = await owner.get('/events', undefined, { headers: { 'last-event-id': 'abc' } });
    expect(malformed.status).toBe(400);
    expect(bodyOf<{ detail: string }>(malformed).detail).toMatch(/Last-Event-ID/);
  });

  it('answers 401 without a session, and a sandbox reset asks everyone to read everything again', async () => {
    const acquirer = testAcquirer();
    const anonymous = await acquirer.handle({ method: 'GET', path: '/api/v1/events' });
    expect(anonymous.status).toBe(401);
    const owner = await signedIn(acquirer, 'owner');
    const stream = await streamOf(acquirer, owner);
    await owner.post('/__mock/reset', { scenario: 'demo' });
    expect(stream.events()).toEqual([expect.objectContaining({ type: 'resync' })]);
  });

  it('does not keep a session alive, and knows when it ended', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const answer = await owner.get('/events');
    if (!isLiveStreamStart(answer.body)) throw new Error('not a live stream');
    const key = answer.body.access.sessionKey;
    expect(await acquirer.sessionsAlive([key])).toEqual(new Set([key]));
    // 15 minutes with nothing but the stream: the session ended.
    await owner.post('/__mock/clock', { advanceMs: 15 * 60_000 });
    expect(codeOf(await owner.get('/auth/session'))).toBe('auth.session_expired');
    expect(await acquirer.sessionsAlive([key])).toEqual(new Set());

    const again = await signedIn(acquirer, 'owner');
    const second = await again.get('/events');
    if (!isLiveStreamStart(second.body)) throw new Error('not a live stream');
    await again.post('/auth/logout');
    expect(await acquirer.sessionsAlive([second.body.access.sessionKey])).toEqual(new Set());
  });
});

describe('the memory feed', () => {
  it('keeps a window of events and tells what it no longer has', async () => {
    let now = 1_000_000;
    const feed = memoryLiveFeed({ keptMs: 60_000, keptMax: 3, realNow: () => now });
    const draft = (tid: string) =>
      ({
        merchantId: MERCHANT_A,
        event: {
          type: 'terminal',
          online: true,
          merchantId: MERCHANT_A,
          tid,
          at: '2025-06-11T07:30:00.000Z',
        },
      }) as const;
    feed.publish([draft('58100101'), draft('58100102')]);
    const all = await feed.since(now * 1000);
    expect(all).toHaveLength(2);
    if ('gap' in all) throw new Error('gap');
    const [a, b] = all;
    expect(await feed.since(a!.id)).toEqual([b]);
    now += 61_000;
    feed.publish([draft('58100103')]);
    // a and b are past the window: after a, b is lost.
    expect(await feed.since(a!.id)).toEqual({ gap: true, head: b!.id + 1 });
    expect(await feed.since(b!.id)).toHaveLength(1);
    // An id ahead of the feed (another acquirer's) is a gap too.
    expect(await feed.since(b!.id + 100)).toMatchObject({ gap: true });
  });

  it('shows a cashier no command or alert, and no one another merchant’s', () => {
    const command = {
      merchantId: MERCHANT_A,
      event: {
        type: 'command',
        commandId: 'c1',
        kind: 'reset',
        status: 'applied',
        merchantId: MERCHANT_A,
        tid: '58100101',
        at: '2025-06-11T07:30:00.000Z',
      },
    } as const;
    const of = (role: 'owner' | 'cashier' | 'support', merchantIds: string[]) => ({
      role,
      merchantIds,
      sessionKey: 'k',
    });
    expect(visibleTo(command, of('owner', [MERCHANT_A]))).toBe(true);
    expect(visibleTo(command, of('support', []))).toBe(true);
    expect(visibleTo(command, of('cashier', [MERCHANT_A]))).toBe(false);
    expect(visibleTo(command, of('owner', ['999999999999999']))).toBe(false);
    const resync = { merchantId: null, event: { type: 'resync', at: '2025-06-11T07:30:00.000Z' } } as const;
    expect(visibleTo(resync, of('cashier', [MERCHANT_A]))).toBe(true);
  });
});
