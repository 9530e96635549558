// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TransactionPage, VoidSummary } from '@contract/schemas/transactions';
import { DAY } from '../clock';
import { DEMO_TIDS, DEMO_TRACE_NOS, MERCHANT_A, MERCHANT_B } from '../data/demo-fixtures';
import { codeOf, signedIn, testAcquirer, TEST_NOW, type TestClient } from '../testing/harness';

const summary = async (client: TestClient, query: Record<string, string> = {}) => {
  const response = await client.get('/transactions/void-summary', query);
  expect(response.status).toBe(200);
  return VoidSummary.parse(response.body);
};
const voids = async (client: TestClient, query: Record<string, string> = {}) =>
  TransactionPage.parse((await client.get('/transactions', { type: 'void', limit: '500', ...query })).body);

const todayStart = '2025-06-11T00:00:00.000+08:00';

describe('GET /transactions/void-summary', () => {
  it("counts and sums the voids of the list's filter, per operator and per terminal", async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const list = await voids(owner);
    const result = await summary(owner);
    expect(result.total).toEqual({
      count: list.total,
      amount: list.items.reduce((sum, tx) => sum + tx.amount, 0),
    });
    expect(result.byOperator.reduce((sum, row) => sum + row.count, 0)).toBe(list.total);
    expect(result.byTerminal.reduce((sum, row) => sum + row.amount, 0)).toBe(result.total.amount);
    for (const row of result.byTerminal) {
      const ofTerminal = list.items.filter((tx) => tx.tid === row.tid);
      expect(row.count).toBe(ofTerminal.length);
      expect(row.operatorCount).toBe(new Set(ofTerminal.map((tx) => tx.operatorNo)).size);
    }
  });

  it('flags the burst of operator 03 at its terminal, first in both lists', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const result = await summary(owner, { from: todayStart });
    expect(result.bursts).toEqual([
      expect.objectContaining({
        tid: DEMO_TIDS.voidBurst,
        operatorNo: '03',
        count: 6,
        threshold: 5,
        windowMinutes: 60,
      }),
    ]);
    const burst = result.bursts[0]!;
    expect(Date.parse(burst.to) - Date.parse(burst.from)).toBeLessThanOrEqual(60 * 60_000);
    expect(result.byOperator[0]).toMatchObject({ tid: DEMO_TIDS.voidBurst, operatorNo: '03', burst: true });
    expect(result.byTerminal[0]).toMatchObject({ tid: DEMO_TIDS.voidBurst, burst: true });
    expect(result.byOperator.filter((row) => row.burst)).toHaveLength(1);
  });

  it('keeps to the period and the terminal asked for', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const custom = await summary(owner, { terminalId: DEMO_TIDS.custom, from: todayStart });
    expect(custom.byTerminal.map((row) => row.tid)).toEqual([DEMO_TIDS.custom]);
    expect(custom.byOperator).toContainEqual(expect.objectContaining({ operatorNo: '02', burst: false }));
    const beforeData = await summary(owner, {
      from: new Date(Date.parse(TEST_NOW) - 30 * DAY).toISOString(),
      to: new Date(Date.parse(TEST_NOW) - 20 * DAY).toISOString(),
    });
    expect(beforeData).toMatchObject({ total: { count: 0, amount: 0 }, byOperator: [], bursts: [] });
  });

  it("is scoped: another merchant's voids are not counted, and asking for them is a 404", async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    const support = await signedIn(acquirer, 'support');
    expect(await summary(support, { merchantId: MERCHANT_A })).toEqual(await summary(owner));
    const owner2 = await signedIn(acquirer, 'owner2');
    expect((await summary(support)).total.count).toBe(
      (await summary(owner)).total.count + (await summary(owner2)).total.count,
    );
    expect(codeOf(await owner.get('/transactions/void-summary', { merchantId: MERCHANT_B }))).toBe(
      'not_found',
    );
  });
});

describe('a void in the list', () => {
  it('carries the sale it cancelled', async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    const row = (await voids(owner, { q: DEMO_TRACE_NOS.voidOfVoidedSale })).items.find(
      (tx) => tx.traceNo === DEMO_TRACE_NOS.voidOfVoidedSale,
    );
    expect(row?.original).toMatchObject({ traceNo: DEMO_TRACE_NOS.voidedSale, status: 'voided' });
    expect((await voids(owner)).items.every((tx) => tx.original?.id === tx.originalId)).toBe(true);
  });
});
