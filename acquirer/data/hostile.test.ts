// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { bodyOf, signedIn, testAcquirer } from '../testing/harness';
import { DEMO_TIDS, MERCHANT_A } from './demo-fixtures';
import { HOSTILE_TEXT, HOSTILE_USER_NAMES } from './hostile';

describe('the hostile scenario', () => {
  it('is the demo with hostile names: merchants, stores, users, tickets and reasons', async () => {
    const acquirer = testAcquirer({ scenario: 'hostile' });
    const owner = await signedIn(acquirer, 'owner');
    expect(bodyOf<{ user: { name: string } }>(await owner.get('/auth/session')).user.name).toBe(
      HOSTILE_USER_NAMES.usr_owner,
    );
    const terminal = bodyOf<{ merchantName: string; storeName: string }>(
      await owner.get(`/terminals/${DEMO_TIDS.custom}`),
    );
    expect(terminal).toMatchObject({ merchantName: HOSTILE_TEXT.img, storeName: HOSTILE_TEXT.script });
    const support = await signedIn(acquirer, 'support');
    const merchants = bodyOf<{ items: { id: string; name: string }[] }>(await support.get('/merchants'));
    expect(merchants.items.map((m) => m.name)).toEqual(
      expect.arrayContaining([HOSTILE_TEXT.img, HOSTILE_TEXT.rtlOverride, HOSTILE_TEXT.longLatin]),
    );
    expect(HOSTILE_TEXT.longLatin).toHaveLength(500);
    const audit = bodyOf<{ items: { reason: string | null; merchantId: string }[] }>(
      await support.get('/audit-events', { merchantId: MERCHANT_A }),
    );
    expect(audit.items.some((event) => event.reason?.includes('<img src=x'))).toBe(true);
  });

  it('answers a reset to it on the control surface', async () => {
    const acquirer = testAcquirer();
    const client = await signedIn(acquirer, 'owner');
    expect((await client.post('/__mock/reset', { scenario: 'hostile' })).status).toBe(204);
    const owner = await signedIn(acquirer, 'owner');
    expect(bodyOf<{ storeName: string }>(await owner.get(`/terminals/${DEMO_TIDS.custom}`)).storeName).toBe(
      HOSTILE_TEXT.script,
    );
  });
});
