import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockAcquirer } from '@/mocks/node';
import { DEMO_TIDS, MERCHANT_A, MERCHANT_B, MERCHANT_C } from '@acquirer/data/demo-fixtures';
import { setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn } from '@/testing/render-app';

setupMockAcquirer();

function fleetTids(): string[] {
  const table = screen.getByRole('table', { name: 'Terminals' });
  return within(table)
    .queryAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('a')?.textContent ?? '');
}

describe('Merchant look-up (support)', () => {
  it('finds a merchant by MID and opens its page with stores and terminals', async () => {
    const app = await renderSignedIn('support', { route: '/merchants' });
    expect(screen.getByText(/Enter a merchant ID/)).toBeVisible();

    await app.user.type(screen.getByRole('searchbox', { name: 'Find a merchant' }), MERCHANT_B.slice(-6));
    await waitFor(() => expect(app.url()).toBe(`/merchants?q=${MERCHANT_B.slice(-6)}`));
    const results = await screen.findByRole('list', { name: 'Merchants found' });
    expect(screen.getByText('1 merchant found')).toBeVisible();
    await app.user.click(within(results).getByRole('link', { name: '上海徐汇区味香园餐饮管理有限公司' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: '上海徐汇区味香园餐饮管理有限公司' }),
    ).toBeVisible();
    expect(app.url()).toBe(`/merchants/${MERCHANT_B}`);
    expect(screen.getByText(MERCHANT_B)).toBeVisible();
    const stores = screen.getByRole('region', { name: /^\d+ stores?$/ });
    expect(within(stores).getAllByRole('link').length).toBeGreaterThan(0);
    await waitFor(() => expect(fleetTids()).toHaveLength(6));
    expect(fleetTids()).toContain(DEMO_TIDS.merchantBCustom);
  });

  it('finds a merchant by phone number or name; the phone is shown masked', async () => {
    const phone = mockAcquirer().state.world.merchantById.get(MERCHANT_A)!.phone;
    const app = await renderSignedIn('support', { route: `/merchants?q=${phone}` });

    const results = await screen.findByRole('list', { name: 'Merchants found' });
    expect(within(results).getByText('杭州西湖区悦来便利店')).toBeVisible();
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    expect(results).toHaveTextContent(masked);
    expect(results).not.toHaveTextContent(phone);

    const search = screen.getByRole('searchbox', { name: 'Find a merchant' });
    await app.user.clear(search);
    await app.user.type(search, '鲜果{Enter}');
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Merchants found' })).getAllByRole('listitem'),
      ).toHaveLength(1),
    );
    expect(screen.getByRole('link', { name: '苏州工业园区鲜果时光水果超市' })).toHaveAttribute(
      'href',
      `/merchants/${MERCHANT_C}`,
    );
  });

  it('says what to try when no merchant matches', async () => {
    await renderSignedIn('support', { route: '/merchants?q=nobody-by-this-name' });

    expect(await screen.findByRole('heading', { name: 'No merchant found' })).toBeVisible();
  });

  it("finds a merchant's terminal by the SN on its back, and a store narrows the list", async () => {
    const sn = mockAcquirer().state.world.terminalByTid.get(DEMO_TIDS.merchantBCustom)!.sn;
    const app = await renderSignedIn('support', { route: `/merchants/${MERCHANT_B}` });
    await waitFor(() => expect(fleetTids()).toHaveLength(6));

    await app.user.type(screen.getByRole('searchbox', { name: 'Search' }), sn);

    await waitFor(() => expect(fleetTids()).toEqual([DEMO_TIDS.merchantBCustom]));
    expect(app.url()).toBe(`/merchants/${MERCHANT_B}?q=${sn}`);

    await app.user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await waitFor(() => expect(fleetTids()).toHaveLength(6));
    const stores = screen.getByRole('region', { name: /^\d+ stores?$/ });
    const firstStore = within(stores).getAllByRole('link')[0]!;
    await app.user.click(firstStore);
    await waitFor(() => expect(app.url()).toMatch(new RegExp(`^/merchants/${MERCHANT_B}\\?storeId=`)));
    await waitFor(() => expect(fleetTids().length).toBeLessThan(6));
  });

  it('answers an unknown MID as not found', async () => {
    await renderSignedIn('support', { route: '/merchants/000000000000000' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Merchant not found' })).toBeVisible();
  });

  it.each(['owner', 'cashier'] as const)(
    'is closed to the %s: no menu entry, and the page says not allowed',
    async (role) => {
      await renderSignedIn(role, { route: `/merchants/${MERCHANT_A}` });

      expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
      expect(screen.queryByRole('link', { name: 'Merchants' })).not.toBeInTheDocument();
      expect(screen.queryByText('杭州西湖区悦来便利店')).not.toBeInTheDocument();
    },
  );
});
