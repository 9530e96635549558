// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AuditPage } from '@contract/schemas/audit';
import { DEMO_TIDS, DEMO_VOID_PASSWORD, MERCHANT_A, MERCHANT_B } from '../data/demo-fixtures';
import { codeOf, PASSWORDS, signedIn, testAcquirer, type TestClient } from '../testing/harness';

const page = async (client: TestClient, query: Record<string, string> = {}) => {
  const response = await client.get('/audit-events', query);
  expect(response.status).toBe(200);
  return AuditPage.parse(response.body);
};

describe('GET /audit-events', () => {
  it("shows an owner their merchant's events, support's actions on it included, newest first", async () => {
    const acquirer = testAcquirer();
    const support = await signedIn(acquirer, 'support');
    await support.post(
      `/terminals/${DEMO_TIDS.custom}/void-password/reset`,
      { newPassword: '470215', ticketId: 'TK-7', reason: 'forgotten' },
      { stepUpToken: await support.stepUp(PASSWORDS.support!) },
    );
    const owner = await signedIn(acquirer, 'owner');
    const events = (await page(owner, { limit: '500' })).items;
    expect(events.every((e) => e.merchantId === MERCHANT_A)).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'void_password.reset_requested',
        actor: 'support',
        ticketId: 'TK-7',
        reason: 'forgotten',
      }),
    );
    expect(events.some((e) => e.action === 'auth.step_up' && e.actor === 'support')).toBe(false); // support's own, no merchant
    const times = events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('finds events by support ticket number, whole or in part, case, spaces and dashes ignored', async () => {
    const acquirer = testAcquirer();
    const support = await signedIn(acquirer, 'support');
    await support.post(
      `/terminals/${DEMO_TIDS.custom}/void-password/reset`,
      { newPassword: '470215', ticketId: 'TK-20250611-7788', reason: 'forgotten' },
      { stepUpToken: await support.stepUp(PASSWORDS.support!) },
    );
    for (const typed of ['TK-20250611-7788', 'tk-20250611-7788', '7788', ' 0611 7788 ', '202506117788']) {
      const found = (await page(support, { ticketId: typed, limit: '500' })).items;
      expect(found.length, typed).toBeGreaterThan(0);
      expect(
        found.every((e) => e.ticketId === 'TK-20250611-7788'),
        typed,
      ).toBe(true);
    }
    expect((await page(support, { ticketId: 'TK-0000-none' })).total).toBe(0);
  });

  it('records every security-relevant action of a flow, without secrets', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await owner.post('/auth/step-up', { password: 'wrong-one' });
    await owner.stepUp(PASSWORDS.owner!);
    await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '470215',
    });
    await owner.post(
      `/password-commands/${acquirer.state.commandsByTid.get(DEMO_TIDS.openCommand)!.at(-1)!.id}/cancel`,
    );
    await owner.get('/transactions/export');
    await owner.post('/auth/logout');
    const live = acquirer.state.audit.slice(acquirer.state.generatedAuditCount);
    expect(live.map((e) => e.action)).toEqual([
      'auth.login',
      'auth.step_up_failed',
      'auth.step_up',
      'void_password.change_requested',
      'command.cancelled',
      'transactions.exported',
      'auth.logout',
    ]);
    expect(live.every((e) => e.clientIp === '203.0.113.7' && e.actorRole === 'owner')).toBe(true);
    const text = JSON.stringify(live);
    for (const secret of [PASSWORDS.owner!, 'wrong-one', DEMO_VOID_PASSWORD, '470215'])
      expect(text).not.toContain(secret);
  });

  it('filters by terminal, actor and type, and pages with a cursor', async () => {
    const acquirer = testAcquirer();
    const support = await signedIn(acquirer, 'support');
    const byTerminal = (await page(support, { terminalId: DEMO_TIDS.locked, limit: '500' })).items;
    expect(byTerminal.length).toBeGreaterThan(0);
    expect(byTerminal.every((e) => e.tid === DEMO_TIDS.locked)).toBe(true);
    expect(
      (await page(support, { type: 'void_password.wrong_attempt', limit: '500' })).items.every(
        (e) => e.action === 'void_password.wrong_attempt',
      ),
    ).toBe(true);
    expect(
      (await page(support, { actor: 'cashier', limit: '500' })).items.every((e) => e.actor === 'cashier'),
    ).toBe(true);

    const all = await page(support, { limit: '500' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Awaited<ReturnType<typeof page>> = await page(support, {
        limit: '7',
        ...(cursor ? { cursor } : {}),
      });
      expect(next.total).toBe(all.total);
      seen.push(...next.items.map((e) => e.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));
  });

  it('pages by the last event given out: events recorded between two pages repeat and hide none', async () => {
    const acquirer = testAcquirer(); // a frozen clock: every live event has the same instant
    const support = await signedIn(acquirer, 'support');
    const before = await page(support, { limit: '500' });
    const first = await page(support, { limit: '7' });
    expect(first.items.map((e) => e.id)).toEqual(before.items.slice(0, 7).map((e) => e.id));
    // New events, newer than every row of page 1: a sign-in, a wrong current PIN.
    const owner = await signedIn(acquirer, 'owner');
    await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
      currentPassword: '000000',
      newPassword: '581937',
    });
    const now = await page(support, { limit: '500' });
    const added = now.total - before.total;
    expect(added).toBeGreaterThanOrEqual(2);
    expect(now.items.slice(0, added).map((e) => e.action)).toEqual([
      'void_password.wrong_attempt',
      'auth.login',
    ]);
    const seen = first.items.map((e) => e.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await page(support, { limit: '7', cursor });
      expect(next.total).toBe(now.total);
      seen.push(...next.items.map((e) => e.id));
      cursor = next.nextCursor;
    }
    expect(seen).toEqual(before.items.map((e) => e.id));
  });

  it('refuses a cursor of another list, or one not given out, with 400 naming the cursor', async () => {
    const support = await signedIn(testAcquirer(), 'support');
    const terminals = (await support.get('/terminals', { limit: '1' })).body as { nextCursor: string };
    const own = (await page(support, { limit: '1' })).nextCursor!;
    for (const cursor of [
      terminals.nextCursor,
      own.slice(1),
      'YXVkaXQ6Mw',
      btoa('{"l":"audit","k":[1,"x"]}'),
    ]) {
      const response = await support.get('/audit-events', { cursor });
      expect(response.status, cursor).toBe(400);
      expect(codeOf(response)).toBe('request.malformed');
      expect((response.body as { errors: { field: string }[] }).errors[0]!.field).toBe('cursor');
    }
  });

  it('is closed to cashiers (403) and to other merchants (404)', async () => {
    const acquirer = testAcquirer();
    expect(codeOf(await (await signedIn(acquirer, 'cashier')).get('/audit-events'))).toBe('auth.forbidden');
    expect(
      (await (await signedIn(acquirer, 'owner')).get('/audit-events', { merchantId: MERCHANT_B })).status,
    ).toBe(404);
    expect(
      (await page(await signedIn(acquirer, 'support'), { merchantId: MERCHANT_B })).items.every(
        (e) => e.merchantId === MERCHANT_B,
      ),
    ).toBe(true);
  });
});
