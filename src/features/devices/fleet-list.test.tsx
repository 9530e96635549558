import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetMock } from '@/mocks/node';
import { apiUrl, http, HttpResponse, server, setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn, travelInTime } from '@/testing/render-app';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';

setupMockAcquirer();
afterEach(() => {
  vi.restoreAllMocks();
});

const MINUTE = 60_000;

function table() {
  return screen.getByRole('table', { name: 'Terminals' });
}

function shownTids(): string[] {
  return within(table())
    .queryAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[1]!.querySelector('a')?.textContent ?? '');
}

function counts() {
  const line = screen.getAllByRole('status').find((status) => /terminals?, /.test(status.textContent ?? ''));
  if (!line) throw new Error('no counts line');
  return line;
}

function watchListRequests() {
  const seen: URL[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/terminals')) seen.push(url);
  });
  return seen;
}

describe('The fleet list', () => {
  it("shows an owner's terminals with what matters: counts, void-password state, connectivity, open command", async () => {
    await renderSignedIn('owner', { route: '/terminals' });

    await screen.findByRole('table', { name: 'Terminals' });
    expect(counts()).toHaveTextContent('12 terminals, 4 on the factory password · 1 locked · 2 offline');
    expect(shownTids()).toContain(DEMO_TIDS.defaultPassword);

    const row = (tid: string) =>
      within(table())
        .getAllByRole('row')
        .find((candidate) => within(candidate).queryByRole('link', { name: tid }))!;
    expect(within(row(DEMO_TIDS.defaultPassword) as HTMLElement).getByText('Factory default')).toBeVisible();
    expect(within(row(DEMO_TIDS.custom) as HTMLElement).getByText('Custom')).toBeVisible();
    expect(
      within(row(DEMO_TIDS.locked) as HTMLElement).getByText(/^Locked · \d+ min \d+ sec left$/),
    ).toBeVisible();
    expect(within(row(DEMO_TIDS.offline) as HTMLElement).getByText('Offline')).toBeVisible();
    expect(within(row(DEMO_TIDS.offline) as HTMLElement).getByText('Last seen 2 days ago')).toBeVisible();
    expect(within(row(DEMO_TIDS.openCommand) as HTMLElement).getByText('Reset · Queued')).toBeVisible();
    expect(within(table()).getByRole('link', { name: DEMO_TIDS.custom })).toHaveAttribute(
      'href',
      `/terminals/${DEMO_TIDS.custom}`,
    );
  });

  it('keeps "last seen" right while a new filter is loading', async () => {
    const app = await renderSignedIn('owner', { route: '/terminals' });
    await screen.findByRole('table', { name: 'Terminals' });
    const offlineRow = () =>
      within(table())
        .getAllByRole('row')
        .find((candidate) => within(candidate).queryByRole('link', { name: DEMO_TIDS.offline }))!;
    expect(within(offlineRow()).getByText('Last seen 2 days ago')).toBeVisible();

    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    server.use(http.get(apiUrl('/terminals'), () => held.then(() => undefined)));
    await app.user.selectOptions(screen.getByLabelText('Connectivity'), 'Offline');
    await waitFor(() => expect(app.url()).toBe('/terminals?status=offline'));
    // The previous rows stay while the answer is on its way, and so does their clock.
    expect(within(offlineRow()).getByText('Last seen 2 days ago')).toBeVisible();
    release();
    await waitFor(() => expect(shownTids()).not.toContain(DEMO_TIDS.custom));
    expect(within(offlineRow()).getByText('Last seen 2 days ago')).toBeVisible();
  });

  it('keeps "last seen" honest while the page stays open', async () => {
    await renderSignedIn('owner', { route: '/terminals' });
    await screen.findByRole('link', { name: DEMO_TIDS.custom });
    const row = within(table())
      .getAllByRole('row')
      .find((candidate) => within(candidate).queryByRole('link', { name: DEMO_TIDS.custom }))!;
    expect(within(row as HTMLElement).getByText(/^Last seen (now|\d+ sec\. ago)$/)).toBeVisible();

    // Nothing is fetched again: the time since the last heartbeat grows on the clock.
    travelInTime(10 * MINUTE);

    expect(
      await within(row as HTMLElement).findByText('Last seen 10 min. ago', {}, { timeout: 3000 }),
    ).toBeVisible();
  });

  it('filters, keeps the view in the URL, and Back returns to the previous view', async () => {
    const app = await renderSignedIn('owner', { route: '/terminals' });
    await screen.findByRole('table', { name: 'Terminals' });

    await app.user.selectOptions(screen.getByLabelText('Void password'), 'Factory default');

    await waitFor(() => expect(app.url()).toBe('/terminals?passwordState=default'));
    await waitFor(() => expect(shownTids()).toHaveLength(4));
    expect(counts()).toHaveTextContent('4 terminals, 4 on the factory password');

    await app.user.selectOptions(screen.getByLabelText('Connectivity'), 'Offline');
    await waitFor(() => expect(app.url()).toBe('/terminals?passwordState=default&status=offline'));
    await waitFor(() => expect(shownTids()).toEqual([DEMO_TIDS.offline]));

    await app.router.navigate(-1);
    await waitFor(() => expect(shownTids()).toHaveLength(4));
    expect(screen.getByLabelText('Connectivity')).toHaveValue('');
    expect(screen.getByLabelText('Void password')).toHaveValue('default');

    await app.user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(app.url()).toBe('/terminals'));
    await waitFor(() => expect(shownTids()).toHaveLength(12));
  });

  it('narrows to the terminals with a firmware update available, each saying so', async () => {
    const app = await renderSignedIn('owner', { route: '/terminals' });
    await screen.findByRole('table', { name: 'Terminals' });
    const flagged = within(table()).getAllByText('Firmware update available').length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(12);

    await app.user.selectOptions(screen.getByLabelText('Firmware'), 'An update is available');
    await waitFor(() => expect(app.url()).toBe('/terminals?firmware=outdated'));
    await waitFor(() => expect(shownTids()).toHaveLength(flagged));
    for (const row of within(table()).getAllByRole('row').slice(1)) {
      expect(within(row).getByText('Firmware update available')).toBeVisible();
    }
  });

  it('opens a shared link as it was: filters, search and sort from the URL', async () => {
    await renderSignedIn('owner', { route: '/terminals?status=offline&sort=-tid' });

    await waitFor(() => expect(shownTids()).toEqual([DEMO_TIDS.openCommand, DEMO_TIDS.offline]));
    expect(screen.getByLabelText('Connectivity')).toHaveValue('offline');
    expect(screen.getByLabelText('Sort by')).toHaveValue('-tid');
  });

  it('ignores a link parameter it does not understand instead of failing', async () => {
    await renderSignedIn('owner', { route: '/terminals?status=sleeping&passwordState=default' });

    await waitFor(() => expect(shownTids()).toHaveLength(4));
    expect(screen.getByLabelText('Connectivity')).toHaveValue('');
  });

  it('searches TID, SN and store name after a pause in typing, one request per pause', async () => {
    const app = await renderSignedIn('owner', { route: '/terminals' });
    await screen.findByRole('table', { name: 'Terminals' });
    const requests = watchListRequests();

    await app.user.type(screen.getByRole('searchbox', { name: 'Search' }), '0101');

    await waitFor(() => expect(app.url()).toBe('/terminals?q=0101'));
    await waitFor(() => expect(shownTids()).toEqual([DEMO_TIDS.defaultPassword]));
    expect(requests.map((url) => url.searchParams.get('q'))).toEqual(['0101']);
  });

  it('says what to do when nothing matches', async () => {
    const app = await renderSignedIn('owner', { route: '/terminals?q=nothing-like-this' });

    expect(await screen.findByRole('heading', { name: 'No terminal matches' })).toBeVisible();
    await app.user.click(screen.getAllByRole('button', { name: 'Clear filters' }).at(-1)!);
    await waitFor(() => expect(shownTids()).toHaveLength(12));
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  });

  it('shows a failed load with a retry that works', async () => {
    server.use(http.get(apiUrl('/terminals'), () => HttpResponse.error()));
    const app = await renderSignedIn('owner', { route: '/terminals' });

    expect(await screen.findByRole('alert')).toHaveTextContent('We could not reach the server');
    server.resetHandlers();
    await app.user.click(screen.getByRole('button', { name: 'Try again' }));

    await waitFor(() => expect(shownTids()).toHaveLength(12));
  });

  it('gives cashiers the list without selection or export', async () => {
    await renderSignedIn('cashier', { route: '/terminals' });

    await screen.findByRole('table', { name: 'Terminals' });
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
  });

  it('shows a cashier their terminals without void-password state, last change or commands, and no such filters', async () => {
    const seen = watchListRequests();
    // A link made for an owner: the cashier's list leaves its void-password parts out.
    await renderSignedIn('cashier', { route: '/terminals?passwordState=default&sort=passwordChangedAt' });

    await screen.findByRole('link', { name: DEMO_TIDS.defaultPassword });
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['TID / SN', 'Model / firmware', 'Store', 'Connectivity']);
    const line = screen.getAllByRole('status').find((status) => /terminals/.test(status.textContent ?? ''));
    expect(line).toHaveTextContent(/^12 terminals · 2 offline$/);
    expect(table()).not.toHaveTextContent(/Factory default|Custom|Locked|Reset|Never/);
    expect(screen.queryByLabelText('Void password')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Void password last changed')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Changes to the void password')).not.toBeInTheDocument();
    expect(
      within(screen.getByLabelText('Sort by'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).not.toContain('Void password changed, longest ago first');
    for (const url of seen) {
      expect(url.searchParams.has('passwordState')).toBe(false);
      expect(url.searchParams.get('sort')).toBeNull();
    }
    expect(document.body).not.toHaveTextContent('123456');
  });

  it('shows when each void password last changed and sorts by it, never-changed first', async () => {
    const app = await renderSignedIn('owner', { route: '/terminals' });
    await screen.findByRole('table', { name: 'Terminals' });
    const row = (tid: string) =>
      within(table())
        .getAllByRole('row')
        .find((candidate) => within(candidate).queryByRole('link', { name: tid }))!;
    expect(
      within(table()).getByRole('columnheader', { name: 'Void password / last changed' }),
    ).toBeInTheDocument();
    expect(within(row(DEMO_TIDS.defaultPassword)).getByText('Never changed')).toBeInTheDocument();
    expect(within(row(DEMO_TIDS.stalePassword)).getByText(/^Changed .+ ago$/)).toBeInTheDocument();

    await app.user.selectOptions(
      screen.getByLabelText('Sort by'),
      'Void password changed, longest ago first',
    );
    await waitFor(() => expect(app.url()).toBe('/terminals?sort=passwordChangedAt'));
    await waitFor(() => expect(shownTids()[0]).toBe(DEMO_TIDS.defaultPassword));
    const neverChanged = shownTids().slice(0, 4);
    expect(new Set(neverChanged).size).toBe(4);
    for (const tid of neverChanged) expect(within(row(tid)).getByText('Factory default')).toBeInTheDocument();
    expect(shownTids()[4]).toBe(DEMO_TIDS.stalePassword);
  });

  it('filters to void passwords unchanged for over 90 days and to changes waiting for the terminal', async () => {
    const app = await renderSignedIn('owner', { route: '/terminals?sort=passwordChangedAt' });
    await screen.findByRole('table', { name: 'Terminals' });
    await app.user.selectOptions(screen.getByLabelText('Void password last changed'), 'Over 90 days ago');
    await waitFor(() => expect(app.url()).toBe('/terminals?passwordAge=stale&sort=passwordChangedAt'));
    await waitFor(() => expect(shownTids()).toEqual([DEMO_TIDS.stalePassword]));

    await app.user.selectOptions(screen.getByLabelText('Void password last changed'), 'Any');
    await app.user.selectOptions(
      screen.getByLabelText('Changes to the void password'),
      'Waiting for the terminal',
    );
    await waitFor(() => expect(shownTids()).toEqual([DEMO_TIDS.openCommand]));
    expect(app.url()).toBe('/terminals?command=open&sort=passwordChangedAt');
  });

  it('selects rows one by one and clears the selection when the filter changes', async () => {
    const app = await renderSignedIn('owner', { route: '/terminals' });
    await screen.findByRole('table', { name: 'Terminals' });

    await app.user.click(screen.getByRole('checkbox', { name: `Select terminal ${DEMO_TIDS.custom}` }));
    await app.user.click(screen.getByRole('checkbox', { name: `Select terminal ${DEMO_TIDS.locked}` }));
    expect(screen.getByText('2 terminals selected')).toBeVisible();

    await app.user.click(screen.getByRole('checkbox', { name: 'Select all 12 terminals' }));
    expect(screen.getByText('12 terminals selected')).toBeVisible();

    await app.user.selectOptions(screen.getByLabelText('Connectivity'), 'Online');
    await waitFor(() => expect(shownTids()).toHaveLength(10));
    expect(screen.queryByText(/selected/)).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: `Select terminal ${DEMO_TIDS.custom}` })).not.toBeChecked();
  });
});

describe('The fleet list at scale (large scenario)', () => {
  it('pages from the server with a bounded number of rows in the DOM, and selects "all matching" as a filter', async () => {
    resetMock({ scenario: 'large' });
    const app = await renderSignedIn('owner', { route: '/terminals?model=PAX%20A920' });
    await screen.findByRole('table', { name: 'Terminals' });
    const requests = watchListRequests();

    const footer = await screen.findByText(/^Showing 100 of /);
    const total = Number(footer.textContent!.match(/of ([\d,]+)/)![1]!.replaceAll(',', ''));
    expect(total).toBeGreaterThan(1000);
    const domRows = within(table()).getAllByRole('row').length;
    expect(domRows).toBeLessThan(40);

    await app.user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText(/^Showing 200 of /)).toBeVisible();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.searchParams.get('cursor')).toBeTruthy();
    expect(requests[0]!.searchParams.get('model')).toBe('PAX A920');
    expect(within(table()).getAllByRole('row').length).toBe(domRows);

    await app.user.click(screen.getByRole('checkbox', { name: 'Select the 200 terminals loaded' }));
    expect(screen.getByText('200 terminals selected')).toBeVisible();
    await app.user.click(
      screen.getByRole('button', { name: `Select all ${total.toLocaleString('en')} matching this filter` }),
    );
    expect(
      screen.getByText(`All ${total.toLocaleString('en')} terminals matching this filter are selected`),
    ).toBeVisible();
  }, 30_000); // the large world (10,000 terminals) is generated first
});

describe('CSV export', () => {
  it('downloads the current filter as a named CSV with the BOM, and says so', async () => {
    const saved: File[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as File);
      return 'blob:terminals';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const exports: URL[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/terminals/export')) exports.push(url);
    });
    const app = await renderSignedIn('owner', { route: '/terminals?passwordState=default' });
    await screen.findByRole('table', { name: 'Terminals' });

    await app.user.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(await screen.findByText(/^Saved terminals-\d{8}\.csv \(\d+ byte\)\.$/)).toBeVisible();
    expect(exports).toHaveLength(1);
    expect(exports[0]!.searchParams.get('passwordState')).toBe('default');
    expect(clicks).toHaveBeenCalledTimes(1);
    const file = saved[0]!;
    expect(file.name).toMatch(/^terminals-\d{8}\.csv$/);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(exports[0]!.searchParams.get('lang')).toBe('en');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^TID,SN,Model,Firmware,MID,Merchant,Store,Connectivity,Last contact/);
    expect(lines.slice(1).every((line) => line.includes(',Factory default,'))).toBe(true);
    expect(text).not.toMatch(/lastSeenAt|,default,/);
    expect(lines).toHaveLength(1 + 4);
  });

  it('explains a failed export and offers to try again', async () => {
    server.use(http.get(apiUrl('/terminals/export'), () => HttpResponse.error()));
    const app = await renderSignedIn('owner', { route: '/terminals' });
    await screen.findByRole('table', { name: 'Terminals' });

    await app.user.click(screen.getByRole('button', { name: 'Export CSV' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not reach the server');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeVisible();
  });
});
