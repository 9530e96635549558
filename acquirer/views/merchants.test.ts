// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MerchantDetail, MerchantList } from '@contract/schemas/merchants';
import { MERCHANT_A, MERCHANT_C } from '../data/demo-fixtures';
import { codeOf, signedIn, testAcquirer } from '../testing/harness';

describe('merchants (support only)', () => {
  it('finds a merchant by MID, name or phone digits, showing the phone masked', async () => {
    const acquirer = testAcquirer();
    const support = await signedIn(acquirer, 'support');
    const search = async (q: string) =>
      MerchantList.parse((await support.get('/merchants', { q })).body).items.map((m) => m.id);
    expect(await search('')).toHaveLength(3);
    expect(await search(MERCHANT_A.slice(-6))).toEqual([MERCHANT_A]);
    expect(await search('鲜果')).toEqual([MERCHANT_C]);
    const phone = acquirer.state.world.merchantById.get(MERCHANT_A)!.phone;
    expect(await search(phone)).toEqual([MERCHANT_A]);
    const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    const dashed = `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    for (const typed of [
      `+86 ${spaced}`,
      `+86-${dashed}`,
      `0086${phone}`,
      `86${phone}`,
      `+86${phone}`,
      dashed,
    ])
      expect(await search(typed), typed).toEqual([MERCHANT_A]);
    expect(await search(`+86 ${phone.slice(-4)}`)).toContain(MERCHANT_A);
    const merchant = MerchantList.parse((await support.get('/merchants', { q: MERCHANT_A })).body).items[0]!;
    expect(merchant.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(merchant).toMatchObject({ payoutMode: 'T1', storeCount: 3, terminalCount: 12 });
  });

  it('answers a merchant with its stores', async () => {
    const support = await signedIn(testAcquirer(), 'support');
    const detail = MerchantDetail.parse((await support.get(`/merchants/${MERCHANT_C}`)).body);
    expect(detail).toMatchObject({
      payoutMode: 'D0',
      stores: [{ name: '鲜果时光(星湖街店)', city: '苏州', terminalCount: 3 }],
    });
    expect((await support.get('/merchants/000000000000000')).status).toBe(404);
  });

  it('lists a merchant’s stores in natural order: 2号店 before 10号店', async () => {
    const acquirer = testAcquirer();
    const stores = acquirer.state.world.stores.filter((s) => s.merchantId === MERCHANT_A);
    ['悦来便利店(10号店)', '悦来便利店(2号店)', '悦来便利店(1号店)'].forEach((name, i) => {
      stores[i]!.name = name;
    });
    const detail = MerchantDetail.parse(
      (await (await signedIn(acquirer, 'support')).get(`/merchants/${MERCHANT_A}`)).body,
    );
    expect(detail.stores.map((s) => s.name)).toEqual([
      '悦来便利店(1号店)',
      '悦来便利店(2号店)',
      '悦来便利店(10号店)',
    ]);
  });

  it('is forbidden to owners and cashiers (403)', async () => {
    const acquirer = testAcquirer();
    for (const user of ['owner', 'cashier']) {
      expect(codeOf(await (await signedIn(acquirer, user)).get('/merchants'))).toBe('auth.forbidden');
      expect(codeOf(await (await signedIn(acquirer, user)).get(`/merchants/${MERCHANT_A}`))).toBe(
        'auth.forbidden',
      );
    }
  });
});
