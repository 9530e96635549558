// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { endpoints } from '@contract/endpoint-table';
import { LiveEvent } from '@contract/schemas/events';
import { type Backend, backendAt } from '../../tests/contract/backends';
import { type ApiUser, control, signedIn } from '../../tests/contract/client';
import { type CompiledServer, compiledServer } from '../process-testing';
import { readSse, type SseMessage } from '../sse-testing';
import { throwawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';

// Decision 023: an event made on one server process reaches a user whose stream is open on another, through
// PostgreSQL (the event written in the run's transaction, pg_notify, each process reading by id).

let pg: ThrowawayPostgres;
let build: CompiledServer;
let a: Backend;
let b: Backend;
beforeAll(async () => {
  pg = throwawayPostgres();
  const url = await pg.database('live_events');
  build = compiledServer('live-events');
  const env = { DATABASE_URL: url, SERVER_SECRET: 'live-events-secret-0123456789abcdef' };
  const [first, second] = await Promise.all([build.start(env), build.start(env)]);
  a = backendAt(() => first!.url);
  b = backendAt(() => second!.url);
}, 120_000);
afterAll(() => {
  build?.cleanUp();
  pg?.stop();
});

async function openStream(on: Backend, user: ApiUser, lastEventId?: string) {
  const headers: Record<string, string> = {
    Cookie: Object.entries(user.agent.jar.read())
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
  };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  const response = await fetch(`${on.origin}/api/v1/events`, { headers });
  expect(response.status).toBe(200);
  return readSse(response);
}

const eventsOf = (messages: SseMessage[]) => messages.map((m) => LiveEvent.parse(JSON.parse(m.data)));
const statuses = (messages: SseMessage[]) =>
  eventsOf(messages).flatMap((e) => (e.type === 'command' ? [e.status] : []));

describe('live events across two server processes on PostgreSQL', () => {
  it('brings a command made and applied on one process to a stream open on the other, without the PIN', async () => {
    // The owner signs in on A; the session is the database's, so the stream opens on B.
    const owner = await signedIn(a, 'owner');
    const cashier = await signedIn(a, 'cashier');
    const owner2 = await signedIn(a, 'owner2');
    const onB = await openStream(b, owner);
    const cashierOnB = await openStream(b, cashier);
    const owner2OnB = await openStream(b, owner2);

    const reset = await owner.post(
      `/terminals/${DEMO_TIDS.defaultPassword}/void-password/reset`,
      { generateTemporary: true },
      { stepUpToken: await owner.stepUp('owner') },
    );
    expect(reset.status).toBe(202);
    const { command, temporaryPassword } = endpoints.resetVoidPassword.response.parse(reset.body);
    await onB.waitFor((m) => statuses(m).includes('queued'));
    expect((await control(a, '/clock', { advanceMs: 31_000 })).status).toBe(200);
    await owner.get(`/terminals/${DEMO_TIDS.defaultPassword}`);
    await onB.waitFor((m) => statuses(m).includes('applied'));
    expect(eventsOf(onB.messages).filter((e) => e.type === 'command')).toEqual([
      expect.objectContaining({ commandId: command.id, status: 'queued' }),
      expect.objectContaining({ commandId: command.id, status: 'applied' }),
    ]);
    expect(onB.text()).not.toContain(temporaryPassword!);

    // A sale on A: the cashier of that merchant sees it on B; the other merchant's owner sees nothing.
    const sale = await control(a, `/terminals/${DEMO_TIDS.custom}/sales`, {
      amount: 990,
      method: 'alipay_qr',
    });
    expect(sale.status).toBe(201);
    await cashierOnB.waitFor((m) => eventsOf(m).some((e) => e.type === 'sale'));
    expect(eventsOf(cashierOnB.messages).map((e) => e.type)).toEqual(['sale']);
    await onB.waitFor((m) => eventsOf(m).some((e) => e.type === 'sale'));
    expect(owner2OnB.messages).toEqual([]);

    // Numbers are the database's: a stream cut on B resumes on A.
    const lastSeen = onB.messages.at(-1)!.id!;
    onB.close();
    await control(a, `/terminals/${DEMO_TIDS.custom}/connectivity`, { online: false });
    const onA = await openStream(a, owner, lastSeen);
    await onA.waitFor((m) => m.length > 0);
    expect(eventsOf(onA.messages)).toEqual([
      expect.objectContaining({ type: 'terminal', tid: DEMO_TIDS.custom, online: false }),
    ]);
    for (const stream of [onA, cashierOnB, owner2OnB]) stream.close();
  }, 60_000);
});
