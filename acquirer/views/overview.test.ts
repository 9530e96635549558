// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AlertList } from '@contract/schemas/alerts';
import { Overview } from '@contract/schemas/overview';
import { TerminalPage } from '@contract/schemas/terminals';
import { TransactionPage } from '@contract/schemas/transactions';
import { HOUR, MINUTE } from '../clock';
import { DEMO_TIDS, MERCHANT_A, MERCHANT_B } from '../data/demo-fixtures';
import { codeOf, signedIn, testAcquirer, type TestClient } from '../testing/harness';

const overview = async (client: TestClient, query: Record<string, string> = {}) => {
  const response = await client.get('/overview', query);
  expect(response.status).toBe(200);
  return Overview.parse(response.body);
};
const terminalTotal = async (client: TestClient, query: Record<string, string>) =>
  TerminalPage.parse((await client.get('/terminals', { limit: '1', ...query })).body).total;

describe('GET /overview', () => {
  it('counts the fleet as the terminal list filters it, and the alerts count stale passwords', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const { terminals } = await overview(owner);
    expect(terminals).toMatchObject({
      total: await terminalTotal(owner, {}),
      factoryPassword: await terminalTotal(owner, { passwordState: 'default' }),
      locked: await terminalTotal(owner, { passwordState: 'locked' }),
      offline: await terminalTotal(owner, { status: 'offline' }),
      stalePasswordDays: 90,
    });
    expect(terminals.factoryPassword).toBe(4);
    expect(terminals.locked).toBe(1);
    expect(terminals.openCommands).toBeGreaterThanOrEqual(1);
    const stale = AlertList.parse((await owner.get('/alerts')).body).items.find(
      (a) => a.kind === 'stale_password',
    );
    expect(terminals.stalePasswords).toBe(stale?.count);
  });

  it('sums the sales voidable now, with the earliest deadline', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const list = TransactionPage.parse(
      (await owner.get('/transactions', { voidable: 'true', limit: '1' })).body,
    );
    const { voidable } = await overview(owner);
    expect(voidable).toEqual({
      count: list.summary.count,
      amount: list.summary.amount,
      nextCutoffAt: '2025-06-11T23:00:00.000+08:00',
    });
  });

  it('has nothing voidable once the cutoff passed', async () => {
    const acquirer = testAcquirer();
    acquirer.clock.advance(7 * HOUR + 31 * MINUTE); // 23:01
    const { voidable } = await overview(await signedIn(acquirer, 'owner'));
    expect(voidable).toEqual({ count: 0, amount: 0, nextCutoffAt: null });
  });

  it('counts voids per business day for two weeks, today last', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const { voidsByDay } = await overview(owner);
    expect(voidsByDay).toHaveLength(14);
    expect(voidsByDay![0]!.date).toBe('2025-05-29');
    expect(voidsByDay!.at(-1)!.date).toBe('2025-06-11');
    const todayVoids = TransactionPage.parse(
      (await owner.get('/transactions', { type: 'void', from: '2025-06-11T00:00:00.000+08:00', limit: '1' }))
        .body,
    ).summary;
    expect(voidsByDay!.at(-1)).toMatchObject({ count: todayVoids.count, amount: todayVoids.amount });
    // The burst of today (6 voids at one terminal) makes today the busiest day.
    expect(Math.max(...voidsByDay!.map((d) => d.count))).toBe(voidsByDay!.at(-1)!.count);
  });

  it('is scoped to the user, or to one merchant for support; another merchant is a 404 for an owner', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const support = await signedIn(acquirer, 'support');
    expect(await overview(support, { merchantId: MERCHANT_A })).toEqual(await overview(owner));
    expect((await overview(support)).terminals.total).toBeGreaterThan(
      (await overview(owner)).terminals.total,
    );
    expect(codeOf(await owner.get('/overview', { merchantId: MERCHANT_B }))).toBe('not_found');
  });

  it('follows the state: a fixed factory password stops counting', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await owner.post(`/__mock/terminals/${DEMO_TIDS.defaultPassword}/void-password`, { password: '470215' });
    expect((await overview(owner)).terminals.factoryPassword).toBe(3);
  });
});
