// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { endpoints } from '@contract/endpoint-table';
import { LiveEvent } from '@contract/schemas/events';
import { backendAt, testServerConfig } from '../tests/contract/backends';
import { type ApiUser, control, PASSWORDS, signedIn } from '../tests/contract/client';
import { createLogger } from './logger';
import { type RunningServer, startServer } from './server';
import { readSse, type SseMessage } from './sse-testing';

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start() {
  const server = await startServer(
    testServerConfig({ liveHeartbeatMs: 150 }),
    createLogger(() => {}, 'silent'),
  );
  running.push(server);
  return { server, backend: backendAt(() => server.url) };
}

/** A user's stream, as EventSource opens it: GET with the session cookie (no CSRF token, no custom header). */
async function openStream(url: string, user: ApiUser | null, lastEventId?: string) {
  const headers: Record<string, string> = { Accept: 'text/event-stream' };
  if (user) {
    headers.Cookie = Object.entries(user.agent.jar.read())
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  return fetch(`${url}/api/v1/events`, { headers });
}

const eventsOf = (messages: SseMessage[]) => messages.map((m) => LiveEvent.parse(JSON.parse(m.data)));
const commandStatuses = (messages: SseMessage[]) =>
  eventsOf(messages).flatMap((e) => (e.type === 'command' ? [e.status] : []));

describe('GET /api/v1/events on the server', () => {
  it('is 401 without a session, as a problem', async () => {
    const { server } = await start();
    const response = await openStream(server.url, null);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('streams a reset from queued to applied, with heartbeats, and never the temporary PIN', async () => {
    const { server, backend } = await start();
    const owner = await signedIn(backend, 'owner');
    const response = await openStream(server.url, owner);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const stream = readSse(response);

    const reset = await owner.post(
      `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
      { generateTemporary: true },
      { stepUpToken: await owner.stepUp('owner') },
    );
    expect(reset.status).toBe(202);
    const { command, temporaryPassword } = endpoints.resetVoidPassword.response.parse(reset.body);
    await stream.waitFor((m) => commandStatuses(m).includes('queued'));
    // The terminal picks it up at its next heartbeat; the sandbox clock gets there.
    expect((await control(backend, '/clock', { advanceMs: 31_000 })).status).toBe(200);
    // Something must run the rules at the new time: the owner looks at the terminal.
    await owner.get(`/terminals/${DEMO_TIDS.defaultPassword}`);
    await stream.waitFor((m) => commandStatuses(m).includes('applied'));

    const applied = eventsOf(stream.messages).find((e) => e.type === 'command' && e.status === 'applied');
    expect(applied).toMatchObject({ commandId: command.id, tid: DEMO_TIDS.defaultPassword });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(stream.comments).toContain('heartbeat');
    expect(temporaryPassword).toMatch(/^\d{6}$/);
    expect(stream.text()).not.toContain(temporaryPassword!);
    expect(stream.text()).not.toContain(PASSWORDS.owner);
    expect(stream.text()).not.toContain(owner.agent.jar.read().mc_session);
    stream.close();
  });

  it('resumes after Last-Event-ID with what was missed', async () => {
    const { server, backend } = await start();
    const owner = await signedIn(backend, 'owner');
    const first = readSse(await openStream(server.url, owner));
    await control(backend, `/terminals/${DEMO_TIDS.custom}/connectivity`, { online: false });
    await first.waitFor((m) => m.length === 1);
    first.close();
    await control(backend, `/terminals/${DEMO_TIDS.custom}/connectivity`, { online: true });
    const resumed = readSse(await openStream(server.url, owner, first.messages[0]!.id!));
    await resumed.waitFor((m) => m.length === 1);
    expect(eventsOf(resumed.messages)).toEqual([
      expect.objectContaining({ type: 'terminal', tid: DEMO_TIDS.custom, online: true }),
    ]);
    resumed.close();

    const malformed = await openStream(server.url, owner, 'not-a-number');
    expect(malformed.status).toBe(400);
  });

  it('ends when the session is signed out, and the reconnect is refused', async () => {
    const { server, backend } = await start();
    const owner = await signedIn(backend, 'owner');
    const response = await openStream(server.url, owner);
    const stream = readSse(response);
    const cookie = { ...owner.agent.jar.read() };
    expect((await owner.post('/auth/logout')).status).toBe(204);
    await stream.ended;
    // EventSource would reconnect with the old cookie.
    const again = await fetch(`${server.url}/api/v1/events`, {
      headers: { Cookie: `mc_session=${cookie.mc_session}` },
    });
    expect(again.status).toBe(401);
  });
});
