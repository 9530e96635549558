// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AlertList } from '@contract/schemas/alerts';
import { MINUTE } from '../clock';
import { DEMO_TIDS, MERCHANT_A, MERCHANT_B, MERCHANT_C } from '../data/demo-fixtures';
import { signedIn, testAcquirer, type TestClient } from '../testing/harness';

const alerts = async (client: TestClient) => AlertList.parse((await client.get('/alerts')).body).items;
const kinds = async (client: TestClient) =>
  (await alerts(client)).map((a) => `${a.kind}:${a.tid ?? a.merchantId}`).sort();

describe('GET /alerts', () => {
  it("raises the demo's risks for the owner's merchant", async () => {
    const owner = await signedIn(testAcquirer(), 'owner');
    expect(await kinds(owner)).toEqual(
      [
        `default_password:${MERCHANT_A}`,
        `lockout:${DEMO_TIDS.locked}`,
        `offline:${DEMO_TIDS.offline}`,
        `stale_password:${MERCHANT_A}`,
        `void_burst:${DEMO_TIDS.voidBurst}`,
      ].sort(),
    );
    const list = await alerts(owner);
    expect(list.find((a) => a.kind === 'default_password')).toMatchObject({ count: 4, severity: 'warning' });
    expect(list.find((a) => a.kind === 'void_burst')).toMatchObject({ count: 6, severity: 'critical' });
    expect(list[0]!.severity).toBe('critical');
  });

  it('is scoped like terminals: other merchants for their owner, everything for support', async () => {
    const acquirer = testAcquirer();
    const owner2 = await alerts(await signedIn(acquirer, 'owner2'));
    expect(new Set(owner2.map((a) => a.merchantId))).toEqual(new Set([MERCHANT_B, MERCHANT_C]));
    expect(owner2).toContainEqual(
      expect.objectContaining({ kind: 'offline', tid: DEMO_TIDS.merchantBExpired }),
    );
    expect(
      (await alerts(await signedIn(acquirer, 'cashier'))).every((a) => a.merchantId === MERCHANT_A),
    ).toBe(true);
    expect((await alerts(await signedIn(acquirer, 'support'))).length).toBe(
      (await alerts(await signedIn(acquirer, 'owner'))).length + owner2.length,
    );
  });

  it('follows the state: a lockout ends after 30 minutes, a fixed default password stops counting', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    await owner.post(`/__mock/terminals/${DEMO_TIDS.defaultPassword}/void-password`, { password: '470215' });
    expect((await alerts(owner)).find((a) => a.kind === 'default_password')?.count).toBe(3);
    acquirer.clock.advance(21 * MINUTE);
    expect(await kinds(await signedIn(acquirer, 'owner'))).not.toContain(`lockout:${DEMO_TIDS.locked}`);
  });

  it('flags a terminal offline for more than 24 hours, not a short outage', async () => {
    const acquirer = testAcquirer();
    const owner = await signedIn(acquirer, 'owner');
    expect(await kinds(owner)).not.toContain(`offline:${DEMO_TIDS.openCommand}`);
  });
});
