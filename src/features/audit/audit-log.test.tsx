import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockAcquirer } from '@/mocks/node';
import { apiUrl, http, problem, server, setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn } from '@/testing/render-app';
import { DEMO_TIDS, DEMO_VOID_PASSWORD, MERCHANT_A, MERCHANT_B } from '@acquirer/data/demo-fixtures';
import { signedIn } from '@acquirer/testing/harness';

setupMockAcquirer();

function auditTable() {
  return screen.getByRole('table', { name: 'Audit events' });
}

function dataRows() {
  return within(auditTable()).getAllByRole('row').slice(1);
}

describe('The audit trail', () => {
  it("shows an owner their merchant's events: who, role, action, target, time, outcome — never a secret", async () => {
    // The owner changes a void password (the PINs travel in the request body only).
    const owner = await signedIn(mockAcquirer(), 'owner');
    const change = await owner.post(`/terminals/${DEMO_TIDS.custom}/void-password/change`, {
      currentPassword: DEMO_VOID_PASSWORD,
      newPassword: '470215',
    });
    expect(change.status).toBe(202);

    await renderSignedIn('owner', { route: '/audit' });
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(1));
    const newest = dataRows().find((row) => row.textContent?.includes('Void password change requested'));
    expect(newest).toBeDefined();
    expect(newest).toHaveTextContent('owner');
    expect(newest).toHaveTextContent('Merchant owner');
    expect(newest).toHaveTextContent(`Terminal ${DEMO_TIDS.custom}`);
    expect(newest).toHaveTextContent('Succeeded');
    expect(within(newest!).getByText(/^\d\d:\d\d:\d\d/, { selector: 'time' })).toHaveAttribute('datetime');
    for (const row of dataRows()) {
      expect(row).not.toHaveTextContent(`Merchant ${MERCHANT_B}`);
    }
    expect(document.body).not.toHaveTextContent(DEMO_VOID_PASSWORD);
    expect(document.body).not.toHaveTextContent('470215');
    expect(screen.getByText(/^\d+ events$/)).toBeInTheDocument();
  });

  it('filters by action, terminal and who; the filters live in the URL', async () => {
    const app = await renderSignedIn('owner', { route: '/audit' });
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(1));

    await app.user.selectOptions(screen.getByLabelText('Action'), 'Wrong void password entered');
    await waitFor(() => expect(app.url()).toBe('/audit?action=void_password.wrong_attempt'));
    await waitFor(() => {
      for (const row of dataRows()) expect(row).toHaveTextContent('Wrong void password entered');
    });

    await app.user.type(
      screen.getByRole('searchbox', { name: /Terminal/ }),
      `${DEMO_TIDS.failedAttempts}{Enter}`,
    );
    await waitFor(() => expect(app.url()).toContain(`terminalId=${DEMO_TIDS.failedAttempts}`));
    await waitFor(() => {
      for (const row of dataRows()) expect(row).toHaveTextContent(`Terminal ${DEMO_TIDS.failedAttempts}`);
    });

    await app.user.type(screen.getByRole('searchbox', { name: /Who/ }), 'nobody-by-that-name{Enter}');
    expect(await screen.findByRole('heading', { name: 'No event matches' })).toBeInTheDocument();
    await app.user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(app.url()).toBe('/audit'));
  });

  it("lets support read any merchant's trail, with ticket and reason", async () => {
    const app = await renderSignedIn('support', { route: '/audit' });
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(1));
    const merchant = screen.getByRole('searchbox', { name: /Merchant ID/ });
    await app.user.type(merchant, `${MERCHANT_B}{Enter}`);
    await waitFor(() => expect(app.url()).toBe(`/audit?merchantId=${MERCHANT_B}`));
    await waitFor(() => {
      for (const row of dataRows()) expect(row).toHaveTextContent(`Merchant ${MERCHANT_B}`);
    });
    await app.user.clear(merchant);
    await app.user.type(merchant, `${MERCHANT_A}{Enter}`);
    await waitFor(() => expect(app.url()).toBe(`/audit?merchantId=${MERCHANT_A}`));
    const reset = await waitFor(() => {
      const row = dataRows().find((candidate) =>
        /Void password reset requested/.test(candidate.textContent ?? ''),
      );
      if (!row) throw new Error('no reset in the trail');
      return row;
    });
    expect(reset).toHaveTextContent('Support agent');
    expect(reset).toHaveTextContent(`Terminal ${DEMO_TIDS.openCommand}`);
    expect(reset).toHaveTextContent('TK-20240611-0387');
    expect(reset).toHaveTextContent('店长遗忘撤销密码,来电申请重置');
  });

  it('finds support’s actions by ticket number, typed in part and in any case', async () => {
    const app = await renderSignedIn('support', { route: '/audit' });
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(1));
    await app.user.type(screen.getByRole('searchbox', { name: /Support ticket/ }), 'tk-20240611 0387{Enter}');
    await waitFor(() => expect(app.url()).toBe('/audit?ticketId=tk-20240611+0387'));
    await waitFor(() => {
      expect(dataRows().length).toBeGreaterThan(0);
      for (const row of dataRows()) expect(row).toHaveTextContent('TK-20240611-0387');
    });
    expect(screen.getByText(/^\d+ events?$/)).toBeVisible();
  });

  it('is closed to cashiers', async () => {
    await renderSignedIn('cashier', { route: '/audit' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Audit events' })).not.toBeInTheDocument();
  });

  it('says what went wrong when the trail cannot be read, and tries again', async () => {
    server.use(http.get(apiUrl('/audit-events'), () => problem(429, 'rate_limited'), { once: true }));
    const app = await renderSignedIn('owner', { route: '/audit' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many requests. Wait a moment and try again.',
    );
    await app.user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(dataRows().length).toBeGreaterThan(1));
  });
});
