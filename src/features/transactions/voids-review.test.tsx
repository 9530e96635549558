import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEMO_TIDS, DEMO_TRACE_NOS } from '@acquirer/data/demo-fixtures';
import { server, setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn } from '@/testing/render-app';

setupMockAcquirer();

function voidsTable() {
  return screen.getByRole('table', { name: 'Voids' });
}

describe('Voids done', () => {
  it('flags the burst of voids of one operator, and shows the voids of that operator with their original sales', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions/voids' });
    expect(screen.getByRole('heading', { level: 1, name: 'Voids done' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Voids done' })).toHaveAttribute('aria-current', 'page');

    const bursts = await screen.findByRole('region', { name: 'A burst of voids' });
    expect(bursts).toHaveTextContent(
      new RegExp(
        `Operator 03 at terminal ${DEMO_TIDS.voidBurst} \\(.+\\) voided 6 sales worth ¥[\\d,.]+ within \\d+ minutes`,
      ),
    );
    expect(bursts).toHaveTextContent('at least 5 voids by one operator within 60 minutes');

    await app.user.click(within(bursts).getByRole('button', { name: 'Show these voids' }));
    await waitFor(() =>
      expect(app.url()).toBe(`/transactions/voids?operatorNo=03&terminalId=${DEMO_TIDS.voidBurst}`),
    );
    expect(screen.getByText(`Only operator 03 at terminal ${DEMO_TIDS.voidBurst}.`)).toBeInTheDocument();
    // The six of the burst, and any other void of that operator at that terminal in the period.
    await waitFor(() => expect(within(voidsTable()).getAllByRole('row').length).toBeGreaterThanOrEqual(7));
    for (const row of within(voidsTable()).getAllByRole('row').slice(1)) {
      expect(row).toHaveTextContent('Operator 03');
      expect(row).toHaveTextContent(DEMO_TIDS.voidBurst);
      expect(row).toHaveTextContent(/Original sale\d{6}made .+ by operator \d+/);
    }
  });

  it('counts and sums voids per operator and per terminal over the chosen period, bursts first', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions/voids' });
    const byOperator = await screen.findByRole('region', { name: 'Voids by operator' });
    const firstOperator = within(byOperator).getAllByRole('row')[1]!;
    expect(firstOperator).toHaveTextContent(`Operator 03Burst`);
    expect(firstOperator).toHaveTextContent(`Terminal ${DEMO_TIDS.voidBurst}`);
    // The burst's six voids, and any other void of that operator in the period.
    expect(Number(within(firstOperator).getAllByRole('cell')[0]!.textContent)).toBeGreaterThanOrEqual(6);

    const byTerminal = screen.getByRole('region', { name: 'Voids by terminal' });
    expect(within(byTerminal).getAllByRole('row')[1]).toHaveTextContent(`${DEMO_TIDS.voidBurst}Burst`);

    expect(screen.getByText(/^\d+ voids?, ¥[\d,.]+/)).toBeVisible();
    expect(screen.getByText('in the last 7 days')).toBeVisible();

    await app.user.selectOptions(screen.getByLabelText('Period'), 'Last 14 days');
    await waitFor(() => expect(app.url()).toBe('/transactions/voids?period=14d'));
    expect(await screen.findByText('in the last 14 days')).toBeInTheDocument();

    // A terminal's own voids, from its row.
    await app.user.click(
      within(byTerminal).getByRole('button', { name: `Show the voids at terminal ${DEMO_TIDS.custom}` }),
    );
    await waitFor(() => expect(app.url()).toContain(`terminalId=${DEMO_TIDS.custom}`));
    const row = await waitFor(() => {
      const found = within(voidsTable())
        .getAllByRole('row')
        .find((candidate) => candidate.textContent?.includes(DEMO_TRACE_NOS.voidOfVoidedSale));
      if (!found) throw new Error('no void row');
      return found;
    });
    expect(row).toHaveTextContent(`Original sale${DEMO_TRACE_NOS.voidedSale}`);
    expect(row).toHaveTextContent('Operator 02');
  });

  it('says so when the period has no voids', async () => {
    const app = await renderSignedIn('owner', { route: '/transactions/voids?period=custom' });
    await screen.findByRole('region', { name: 'Voids by operator' });
    await app.user.type(screen.getByLabelText('From'), '2020-01-01');
    await app.user.type(screen.getByLabelText('To'), '2020-01-31');
    expect(await screen.findByRole('heading', { name: 'No voids in this period' })).toBeInTheDocument();
    expect(screen.getByText('0 voids, ¥0.00 in total')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /burst/i })).not.toBeInTheDocument();
  });
});

describe('Voids done, for a cashier', () => {
  it('is not offered, and the page itself says it is not for their role: it reviews their colleagues', async () => {
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => asked.push(new URL(request.url).pathname));
    const app = await renderSignedIn('cashier', { route: '/transactions' });
    const tabs = await screen.findByRole('navigation', { name: 'Transaction views' });
    expect(
      within(tabs)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Voidable now', 'All transactions']);

    await act(() => app.router.navigate('/transactions/voids'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
    expect(screen.queryByText(/burst/i)).not.toBeInTheDocument();
    expect(asked.some((path) => path.endsWith('/void-summary'))).toBe(false);
  });
});
