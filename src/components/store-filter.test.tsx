import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { server, setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn } from '@/testing/render-app';

setupMockAcquirer();

function watchStoreRequests() {
  const seen: string[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/terminals/facets')) seen.push(url.search);
  });
  return seen;
}

describe('The store filter', () => {
  // Two pages, each a chunk of its own: longer than one page's test.
  it('offers the same stores on the fleet and the sales lists, read once for both', async () => {
    const requests = watchStoreRequests();
    const app = await renderSignedIn('owner', { route: '/terminals' });
    const fleetStores = await screen.findByRole('combobox', { name: 'Store' });
    await waitFor(() => expect(within(fleetStores).getAllByRole('option').length).toBeGreaterThan(1));
    const names = within(fleetStores)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(names[0]).toBe('All stores');

    await app.router.navigate('/transactions');
    await screen.findByRole('searchbox', { name: 'Find a sale' });

    const saleStores = await screen.findByRole('combobox', { name: 'Store' });
    expect(
      within(saleStores)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(names);
    expect(requests).toHaveLength(1);
  }, 30_000);

  it('groups the stores by merchant when the user reaches several', async () => {
    await renderSignedIn('support', { route: '/transactions' });

    const stores = await screen.findByRole('combobox', { name: 'Store' });
    const groups = await within(stores).findAllByRole('group');
    expect(groups.length).toBeGreaterThan(1);
    expect(groups[0]).toHaveAccessibleName(/^Merchant \d{15}$/);
  });

  it('keeps a store from the link chosen while the choices load', async () => {
    await renderSignedIn('owner', { route: '/transactions?storeId=st_from_a_link' });

    expect(await screen.findByRole('combobox', { name: 'Store' })).toHaveDisplayValue('st_from_a_link');
  });
});
