import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn } from '@/testing/render-app';

setupMockAcquirer();

describe('The overview', () => {
  it("shows the fleet's void-password risks, each linking to exactly those terminals", async () => {
    const app = await renderSignedIn('owner');
    const security = await screen.findByRole('region', { name: 'Void password security' });
    const factory = within(security).getByRole('link', { name: /^4 On the factory void password 123456/ });
    expect(factory).toHaveAttribute('href', '/terminals?passwordState=default');
    expect(within(security).getByRole('link', { name: /^1 Void password locked/ })).toHaveAttribute(
      'href',
      '/terminals?passwordState=locked',
    );
    expect(within(security).getByRole('link', { name: /^\d+ Offline/ })).toHaveAttribute(
      'href',
      '/terminals?status=offline',
    );
    expect(
      within(security).getByRole('link', { name: /^1 Password changes? waiting for the terminal/ }),
    ).toHaveAttribute('href', '/terminals?command=open');
    expect(
      within(security).getByRole('link', { name: /^1 Void password unchanged for over 90 days/ }),
    ).toHaveAttribute('href', '/terminals?passwordAge=stale');
    expect(within(security).getByRole('link', { name: /^All 12 terminals$/ })).toHaveAttribute(
      'href',
      '/terminals',
    );

    await app.user.click(factory);
    await waitFor(() => expect(app.url()).toBe('/terminals?passwordState=default'));
  });

  it('shows a cashier no void-password tile, alert or voids chart: only their terminals, offline ones and the money', async () => {
    await renderSignedIn('cashier');
    const security = await screen.findByRole('region', { name: 'Void password security' });
    expect(within(security).getByRole('link', { name: /^2 Offline/ })).toHaveAttribute(
      'href',
      '/terminals?status=offline',
    );
    expect(within(security).getByRole('link', { name: /^All 12 terminals$/ })).toBeVisible();
    expect(within(security).getAllByRole('listitem')).toHaveLength(1);
    expect(await screen.findByRole('region', { name: 'Sales you can still void' })).toBeVisible();
    const alerts = await screen.findByRole('region', { name: 'Risk alerts' });
    await waitFor(() => expect(within(alerts).getAllByRole('listitem').length).toBeGreaterThan(0));
    for (const item of within(alerts).getAllByRole('listitem')) expect(item).toHaveTextContent(/offline/i);
    expect(document.body).not.toHaveTextContent(/123456|factory|locked|voided|burst|90 days/i);
    expect(screen.queryByRole('figure', { name: 'Voids per day, last 14 days' })).not.toBeInTheDocument();
  });

  it('shows the money still voidable now with its first deadline', async () => {
    await renderSignedIn('owner');
    const money = await screen.findByRole('region', { name: 'Sales you can still void' });
    expect(money).toHaveTextContent(/¥[\d,.]+\d+ card sales?, voidable at the terminal/);
    expect(money).toHaveTextContent('The first deadline is 23:00:');
    expect(within(money).getByRole('timer')).toHaveTextContent(/left$/);
    expect(within(money).getByRole('link', { name: 'Open voidable sales' })).toHaveAttribute(
      'href',
      '/transactions',
    );
  });

  it('draws voids per day over two weeks, with the same numbers in words and in a table', async () => {
    const app = await renderSignedIn('owner');
    const chart = await screen.findByRole('figure', { name: 'Voids per day, last 14 days' });
    expect(chart).toHaveTextContent(
      /\d+ voids worth ¥[\d,.]+ in the last 14 days; the most on [A-Z][a-z]{2} \d{1,2} \(\d+\)\./,
    );
    await app.user.click(within(chart).getByText('Show the numbers as a table'));
    const table = within(chart).getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(15); // header + 14 days
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Day', 'Voids', 'Amount']);
    expect(rows.at(-1)).toHaveTextContent(/^[A-Z][a-z]{2} \d{1,2}\d+¥[\d,.]+$/);
    expect(screen.getByRole('link', { name: 'Review the voids of the last 14 days' })).toHaveAttribute(
      'href',
      '/transactions/voids?period=14d',
    );
  });

  it('gives every alert a link to where it is dealt with', async () => {
    await renderSignedIn('owner');
    const alerts = await screen.findByRole('region', { name: 'Risk alerts' });
    await waitFor(() => expect(within(alerts).getAllByRole('listitem').length).toBeGreaterThan(0));
    expect(within(alerts).getByRole('link', { name: 'Show these terminals' })).toHaveAttribute(
      'href',
      '/terminals?passwordState=default',
    );
    expect(within(alerts).getByRole('link', { name: 'Review the terminals' })).toHaveAttribute(
      'href',
      '/terminals?passwordAge=stale',
    );
    expect(within(alerts).getByRole('link', { name: 'Review the voids' })).toHaveAttribute(
      'href',
      `/transactions/voids?terminalId=${DEMO_TIDS.voidBurst}`,
    );
    expect(within(alerts).getByRole('link', { name: `Open terminal ${DEMO_TIDS.locked}` })).toHaveAttribute(
      'href',
      `/terminals/${DEMO_TIDS.locked}`,
    );
  });

  it("sends support to the merchant's page for a merchant-wide alert", async () => {
    await renderSignedIn('support');
    const alerts = await screen.findByRole('region', { name: 'Risk alerts' });
    await waitFor(() => expect(within(alerts).getAllByRole('listitem').length).toBeGreaterThan(0));
    for (const link of within(alerts).getAllByRole('link', { name: 'Show these terminals' })) {
      expect(link.getAttribute('href')).toMatch(/^\/merchants\/\d{15}\?passwordState=default$/);
    }
  });
});
