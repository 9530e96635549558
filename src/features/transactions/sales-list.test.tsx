import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockAcquirer } from '@/mocks/node';
import { nextCutoffAfter } from '@acquirer/clock';
import { DEMO_TIDS, DEMO_TRACE_NOS } from '@acquirer/data/demo-fixtures';
import { DEFAULT_CUTOFF_MINUTE } from '@acquirer/data/generate';
import { server, setupMockAcquirer } from '@/testing/mock-server';
import { renderApp, renderSignedIn, submitSignIn } from '@/testing/render-app';

setupMockAcquirer();
afterEach(() => {
  vi.restoreAllMocks();
});

function salesTable() {
  return screen.getByRole('table', { name: /Sales that can be voided now|Transactions/ });
}

async function rowOf(traceNo: string) {
  return waitFor(() => {
    const row = within(salesTable())
      .getAllByRole('row')
      .find((candidate) => within(candidate).queryByText(traceNo, { selector: 'span' }));
    if (!row) throw new Error(`no row for ${traceNo}`);
    return row;
  });
}

// The router's location moves before React shows the new page: a tab link grabbed in between belongs to
// the page on its way out, and a click on it once it is detached goes nowhere. Click the tab on screen.
async function openTab(app: Awaited<ReturnType<typeof renderSignedIn>>, name: string) {
  await app.user.click(screen.getByRole('link', { name }));
  await waitFor(() => expect(screen.getByRole('link', { name })).toHaveAttribute('aria-current', 'page'));
}

async function search(app: Awaited<ReturnType<typeof renderSignedIn>>, text: string) {
  const field = screen.getByRole('searchbox', { name: 'Find a sale' });
  await app.user.clear(field);
  await app.user.type(field, `${text}{Enter}`);
}

describe('Voidable now', () => {
  it('lists the sales that can still be voided, each with what the terminal and the customer need', async () => {
    await renderSignedIn('owner', { route: '/transactions' });
    expect(screen.getByRole('link', { name: 'Voidable now' })).toHaveAttribute('aria-current', 'page');
    const row = await rowOf(DEMO_TRACE_NOS.voidableSale);
    expect(row).toHaveTextContent('¥128.00');
    expect(row).toHaveTextContent(DEMO_TIDS.custom);
    expect(row).toHaveTextContent('Operator 01');
    expect(row).toHaveTextContent(/Card ending \d{4}/);
    expect(row).toHaveTextContent('Chip card');
    expect(row).toHaveTextContent(/\d{12}/); // RRN
    expect(within(row).getByRole('timer')).toHaveTextContent(/left$/);
    expect(row).toHaveTextContent(/by \d\d:\d\d/);
    expect(
      within(row).getByRole('button', { name: `Copy trace number ${DEMO_TRACE_NOS.voidableSale}` }),
    ).toBeVisible();
    expect(screen.getByText(/sales? can be voided now, ¥[\d,.]+/)).toBeInTheDocument();
    expect(salesTable()).not.toHaveTextContent(DEMO_TRACE_NOS.qrSale);
    expect(salesTable()).not.toHaveTextContent(DEMO_TRACE_NOS.voidedSale);
  });

  it('finds a sale by trace number, copies it in one click and confirms it', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions' });
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    await search(app, DEMO_TRACE_NOS.voidableSale);
    await waitFor(() => expect(app.url()).toBe(`/transactions?q=${DEMO_TRACE_NOS.voidableSale}`));
    await waitFor(() => expect(within(salesTable()).getAllByRole('row')).toHaveLength(2)); // header + 1
    expect(screen.getByText('1 sale can be voided now, ¥128.00')).toBeInTheDocument();

    const row = await rowOf(DEMO_TRACE_NOS.voidableSale);
    await app.user.click(
      within(row).getByRole('button', { name: `Copy trace number ${DEMO_TRACE_NOS.voidableSale}` }),
    );
    expect(await navigator.clipboard.readText()).toBe(DEMO_TRACE_NOS.voidableSale);
    expect(within(row).getByRole('status')).toHaveTextContent(
      `Trace number ${DEMO_TRACE_NOS.voidableSale} copied`,
    );
  });

  it('also finds a sale by its amount', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions' });
    await search(app, '128.00');
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    for (const row of within(salesTable()).getAllByRole('row').slice(1))
      expect(row).toHaveTextContent('¥128.00');
  });

  it('shows the steps at the terminal next to the selected sale, with its deadline', async () => {
    const app = await renderSignedIn('owner', { route: `/transactions?q=${DEMO_TRACE_NOS.voidableSale}` });
    const row = await rowOf(DEMO_TRACE_NOS.voidableSale);
    await app.user.click(
      within(row).getByRole('button', { name: `Details of sale ${DEMO_TRACE_NOS.voidableSale}` }),
    );

    const dialog = await screen.findByRole('dialog', { name: 'Sale of ¥128.00' });
    expect(app.url()).toMatch(/sale=tx_/);
    expect(dialog).toHaveTextContent(`Can be voided at terminal ${DEMO_TIDS.custom} until 23:00`);
    expect(within(dialog).getByRole('timer')).toHaveTextContent(/left$/);
    const steps = within(
      within(dialog).getByRole('region', { name: 'How to void it at the terminal' }),
    ).getAllByRole('listitem');
    expect(steps.map((step) => step.textContent)).toEqual([
      `On terminal ${DEMO_TIDS.custom}, choose 撤销 (Void) in the main menu.`,
      'Enter the void password (撤销消费密码) when the terminal asks for the 主管密码 (supervisor password).',
      expect.stringContaining(`Enter the trace number (凭证号): ${DEMO_TRACE_NOS.voidableSale}`),
      expect.stringMatching(/^Insert, swipe or tap the same card, ending \d{4}\.$/),
      'Check that the amount is ¥128.00, confirm, and give the customer the void slip.',
    ]);

    await app.user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(app.url()).toBe(`/transactions?q=${DEMO_TRACE_NOS.voidableSale}`);
  });

  it('drops a sale the moment its deadline passes, says so, and asks the server again — no reload', async () => {
    // The acquirer's clock a few seconds before today's cutoff; the browser's stays: the
    // countdown runs on the server's time.
    const cutoff = nextCutoffAfter(Date.now(), DEFAULT_CUTOFF_MINUTE);
    mockAcquirer().clock.set(cutoff - 4000);
    // Only this sale in the list: how many others of the terminal are still open depends on the hour.
    const route = `/transactions?terminalId=${DEMO_TIDS.custom}&q=${DEMO_TRACE_NOS.voidableSale}`;
    const app = await renderSignedIn('owner', { route });
    const row = await rowOf(DEMO_TRACE_NOS.voidableSale);
    expect(within(row).getByRole('timer')).toHaveTextContent(/sec left$/);
    const requests: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (new URL(request.url).pathname.endsWith('/transactions')) requests.push(request.url);
    });

    expect(
      await screen.findByText(
        `Sale ${DEMO_TRACE_NOS.voidableSale} (¥128.00) passed its void deadline and can no longer be voided at the terminal. A refund is possible after settlement.`,
        {},
        { timeout: 8000 },
      ),
    ).toBeInTheDocument();
    // Gone from the list at once; the server, asked again, agrees: nothing is voidable after the cutoff.
    expect(
      screen.queryByRole('row', { name: new RegExp(DEMO_TRACE_NOS.voidableSale) }),
    ).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'No sale matches' })).toBeInTheDocument();
    expect(requests.length).toBeGreaterThan(0);
    expect(app.url()).toBe(route);
  }, 15_000);
});

describe('The "passed its void deadline" notice', () => {
  // It speaks only of a sale whose deadline passed while it was on screen; here every sale
  // shown still has hours left (14:00, cutoff 23:00), whatever the query, tab or page.
  function expectNoDeadlineNotice() {
    expect(screen.queryByText(/passed (its|their) void deadline/)).not.toBeInTheDocument();
  }

  it.each(['128', DEMO_TRACE_NOS.voidableSale])('does not appear after searching %s', async (text) => {
    const app = await renderSignedIn('owner', { route: '/transactions' });
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    await search(app, text);
    await waitFor(() => expect(app.url()).toBe(`/transactions?q=${text}`));
    const row = await rowOf(DEMO_TRACE_NOS.voidableSale);
    expect(within(row).getByRole('timer')).toHaveTextContent(/left$/);
    expectNoDeadlineNotice();
  });

  it('does not appear after switching to all transactions', async () => {
    const app = await renderSignedIn('owner', { route: `/transactions?q=${DEMO_TRACE_NOS.voidableSale}` });
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    await app.user.click(screen.getByRole('link', { name: 'All transactions' }));
    await waitFor(() =>
      expect(app.url()).toBe(`/transactions?q=${DEMO_TRACE_NOS.voidableSale}&voidable=all`),
    );
    expect(within(await rowOf(DEMO_TRACE_NOS.voidableSale)).getByRole('timer')).toHaveTextContent(/left$/);
    expectNoDeadlineNotice();
  });

  it('does not appear above an empty result', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions' });
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    await search(app, DEMO_TRACE_NOS.settledSale);
    expect(await screen.findByRole('heading', { name: 'No sale matches' })).toBeInTheDocument();
    expectNoDeadlineNotice();
  });

  it('does not appear when the next page of sales loads', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions?voidable=all' });
    const status = await screen.findByText(/^Showing 100 of \d+/);
    await app.user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(status).not.toHaveTextContent(/^Showing 100 of/));
    expectNoDeadlineNotice();
  });

  it('does not appear on coming back to the list', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions' });
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    await openTab(app, 'Voids done');
    await waitFor(() => expect(app.url()).toBe('/transactions/voids'));
    await openTab(app, 'Voidable now');
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    expectNoDeadlineNotice();
  });
  it('does not announce, on coming back, a deadline that passed while another tab was open', async () => {
    const cutoff = nextCutoffAfter(Date.now(), DEFAULT_CUTOFF_MINUTE);
    mockAcquirer().clock.set(cutoff - 2000);
    const route = `/transactions?q=${DEMO_TRACE_NOS.voidableSale}&terminalId=${DEMO_TIDS.custom}`;
    const app = await renderSignedIn('owner', { route });
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    await openTab(app, 'Voids done');
    await waitFor(() => expect(app.url()).toMatch(/^\/transactions\/voids/));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await openTab(app, 'Voidable now');
    expect(await screen.findByRole('heading', { name: 'No sale matches' })).toBeInTheDocument();
    expectNoDeadlineNotice();
  }, 15_000);
});

describe('Sales that cannot be voided', () => {
  it('a settled sale is not voidable now; all transactions says why and to refund instead', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions' });
    await search(app, DEMO_TRACE_NOS.settledSale);
    expect(await screen.findByRole('heading', { name: 'No sale matches' })).toBeInTheDocument();
    await app.user.click(screen.getByRole('button', { name: 'Search all transactions' }));
    await waitFor(() => expect(app.url()).toBe(`/transactions?q=${DEMO_TRACE_NOS.settledSale}&voidable=all`));
    expect(screen.getByRole('link', { name: 'All transactions' })).toHaveAttribute('aria-current', 'page');

    const row = await rowOf(DEMO_TRACE_NOS.settledSale);
    expect(row).toHaveTextContent('Settled: refund instead');
    await app.user.click(within(row).getByRole('button', { name: /Details of sale/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Sale of ¥99.00' });
    expect(dialog).toHaveTextContent('Settled, so it cannot be voided');
    expect(dialog).toHaveTextContent('What to do instead: Do a refund (退货)');
    expect(
      within(dialog).queryByRole('region', { name: 'How to void it at the terminal' }),
    ).not.toBeInTheDocument();
  });

  it('a QR payment says to refund in the wallet; a declined one that nothing was charged', async () => {
    await renderSignedIn('owner', { route: `/transactions?voidable=all&terminalId=${DEMO_TIDS.custom}` });
    expect(await rowOf(DEMO_TRACE_NOS.qrSale)).toHaveTextContent('QR payment: refund in the wallet');
    expect(await rowOf(DEMO_TRACE_NOS.qrSale)).toHaveTextContent('WeChat Pay QR');
    expect(await rowOf(DEMO_TRACE_NOS.declinedSale)).toHaveTextContent('Declined: nothing to void');
    expect(await rowOf(DEMO_TRACE_NOS.voidedSale)).toHaveTextContent('Already voided');
  });

  it("a same-day (D0) merchant's card sale says to refund", async () => {
    const app = await renderApp({ route: '/transactions?voidable=all' });
    await submitSignIn(app, 'owner2', 'owner2-demo-1');
    expect(await rowOf(DEMO_TRACE_NOS.d0Sale)).toHaveTextContent('Same-day payout: refund instead');
  });

  it('a void shows the sale it cancelled, and opens it', async () => {
    const app = await renderSignedIn('owner', {
      route: `/transactions?voidable=all&q=${DEMO_TRACE_NOS.voidOfVoidedSale}&type=void`,
    });
    const row = await rowOf(DEMO_TRACE_NOS.voidOfVoidedSale);
    expect(row).toHaveTextContent(`Void of sale ${DEMO_TRACE_NOS.voidedSale}`);
    await app.user.click(within(row).getByRole('button', { name: /Details of void/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Void of ¥256.00' });
    expect(dialog).toHaveTextContent(`Trace number ${DEMO_TRACE_NOS.voidedSale}`);
    await app.user.click(within(dialog).getByRole('button', { name: 'Show the original sale' }));
    expect(await screen.findByRole('dialog', { name: 'Sale of ¥256.00' })).toHaveTextContent(
      'Already voided',
    );
  });
});

describe('Filters, totals and export', () => {
  it("opens from a terminal page's link with that terminal's voidable sales, and totals for the filter", async () => {
    const app = await renderSignedIn('owner', {
      route: `/transactions?terminalId=${DEMO_TIDS.custom}&voidable=true`,
    });
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    const rows = within(salesTable()).getAllByRole('row').slice(1);
    for (const row of rows) expect(row).toHaveTextContent(DEMO_TIDS.custom);
    expect(screen.getByRole('searchbox', { name: /Terminal/ })).toHaveValue(DEMO_TIDS.custom);
    const showing = screen.getByText(/^Showing \d+ of \d+/).textContent ?? '';
    const total = /of (\d+)/.exec(showing)![1];
    expect(
      screen.getByText(new RegExp(`^${total} sales? can be voided now, ¥[\\d,.]+( in total)?$`)),
    ).toBeInTheDocument();

    await app.user.selectOptions(screen.getByLabelText('Payment method'), 'Chip card');
    await waitFor(() => expect(app.url()).toContain('method=card_chip'));
    await waitFor(() => {
      for (const row of within(salesTable()).getAllByRole('row').slice(1))
        expect(row).toHaveTextContent('Chip card');
    });
  });

  it('keeps a half-typed terminal number in the box and says what is wrong, without filtering', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions' });
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    const field = screen.getByRole('searchbox', { name: /Terminal/ });
    await app.user.type(field, '5810{Enter}');
    expect(field).toHaveValue('5810');
    expect(field).toHaveAccessibleDescription(/A terminal number has 8 digits\./);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(app.url()).toBe('/transactions');
    await app.user.type(field, '0102{Enter}');
    await waitFor(() => expect(app.url()).toBe(`/transactions?terminalId=${DEMO_TIDS.custom}`));
    expect(field).not.toHaveAttribute('aria-invalid');
  });

  it('in all transactions, filters by status and type, and clears every filter at once', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions?voidable=all' });
    await waitFor(() => expect(within(salesTable()).getAllByRole('row').length).toBeGreaterThan(1));
    await app.user.selectOptions(screen.getByLabelText('Status'), 'Settled');
    await waitFor(() => {
      const rows = within(salesTable()).getAllByRole('row').slice(1);
      expect(rows.length).toBeGreaterThan(0);
      // Settled: nothing can be voided any more; each says why (settled, QR, voided…).
      for (const row of rows) expect(within(row).queryByRole('timer')).not.toBeInTheDocument();
      expect(rows.some((row) => /Settled: refund instead/.test(row.textContent ?? ''))).toBe(true);
    });
    await app.user.selectOptions(screen.getByLabelText('Type'), 'Void');
    await waitFor(() => expect(app.url()).toBe('/transactions?status=settled&type=void&voidable=all'));
    // The filter panel's button: when no settled void is in the demo data (it depends on the
    // hour of the day), the empty list offers the same action too.
    await app.user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(app.url()).toBe('/transactions?voidable=all'));
  });

  it('exports the current filter as CSV with progress, and says what was saved', async () => {
    const saved: File[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as File);
      return 'blob:transactions';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const exports: URL[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/transactions/export')) exports.push(url);
    });
    const app = await renderSignedIn('owner', { route: `/transactions?terminalId=${DEMO_TIDS.custom}` });
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    await app.user.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(
      await screen.findByText(new RegExp(`^Saved transactions-${DEMO_TIDS.custom}-\\d{8}\\.csv \\(`)),
    ).toBeInTheDocument();
    expect(exports).toHaveLength(1);
    expect(Object.fromEntries(exports[0]!.searchParams)).toEqual({
      terminalId: DEMO_TIDS.custom,
      voidable: 'true',
      type: 'sale',
      lang: 'en',
    });
    const csv = await saved[0]!.text();
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFF?Transaction ID,Time \(China Standard Time\),/);
    expect(csv).toContain(DEMO_TRACE_NOS.voidableSale);
  });

  it('offers no export to a cashier, who still sees the voidable sales', async () => {
    await renderSignedIn('cashier', { route: '/transactions' });
    await rowOf(DEMO_TRACE_NOS.voidableSale);
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
  });

  it("lets support narrow every merchant's sales to one merchant ID", async () => {
    const app = await renderSignedIn('support', { route: '/transactions?voidable=all' });
    await waitFor(() => expect(within(salesTable()).getAllByRole('row').length).toBeGreaterThan(1));
    const merchant = screen.getByRole('searchbox', { name: /Merchant ID/ });
    await app.user.type(merchant, '822305054110089{Enter}');
    await waitFor(() => expect(app.url()).toContain('merchantId=822305054110089'));
    await rowOf(DEMO_TRACE_NOS.d0Sale);
    for (const row of within(salesTable()).getAllByRole('row').slice(1))
      expect(row).toHaveTextContent(/5830030\d/);
  });
});
