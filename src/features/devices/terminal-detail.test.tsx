import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockAcquirer } from '@/mocks/node';
import { mockControl, server, setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn, travelInTime } from '@/testing/render-app';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';

setupMockAcquirer();

const SECOND = 1000;

function section(name: string | RegExp) {
  return screen.getByRole('region', { name });
}

/** As if the terminal had activated itself on the terminal protocol (the in-browser mock has no protocol). */
function activated(tid: string): void {
  const terminal = mockAcquirer().state.world.terminalByTid.get(tid)!;
  terminal.link = {
    activation: null,
    keyId: 'tk_test',
    publicKey: 'A'.repeat(43) + '=',
    issuedAt: mockAcquirer().now(),
    revokedAt: null,
    intervalMs: 30_000,
    appVersion: 'LKL-POS 3.8.2',
    nonces: [],
  };
  terminal.revision++;
}

describe('The terminal page', () => {
  it('lets an owner revoke a lost terminal’s credential, after saying what it does', async () => {
    activated(DEMO_TIDS.custom);
    const app = await renderSignedIn('owner', { route: `/terminals/${DEMO_TIDS.custom}` });
    const status = await screen.findByRole('region', { name: 'Status' });
    expect(within(status).getByText('Activated · checks in every 30 s · app LKL-POS 3.8.2')).toBeVisible();

    await app.user.click(within(status).getByRole('button', { name: 'Revoke the credential…' }));
    const dialog = screen.getByRole('alertdialog', {
      name: `Revoke terminal ${DEMO_TIDS.custom}’s credential?`,
    });
    expect(dialog).toHaveAccessibleDescription(/lost or stolen terminal.*Only a new activation code/);
    // The safe choice has the focus: Enter does not revoke by accident.
    expect(within(dialog).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await app.user.click(within(dialog).getByRole('button', { name: 'Revoke the credential' }));

    expect(
      await within(status).findByText('Credential revoked: the terminal must be activated again'),
    ).toBeVisible();
    expect(within(status).queryByRole('button', { name: 'Revoke the credential…' })).toBeNull();
    expect(mockAcquirer().state.world.terminalByTid.get(DEMO_TIDS.custom)!.link!.revokedAt).not.toBeNull();
  });

  it('offers a cashier no way to revoke a credential', async () => {
    activated(DEMO_TIDS.custom);
    await renderSignedIn('cashier', { route: `/terminals/${DEMO_TIDS.custom}` });
    const status = await screen.findByRole('region', { name: 'Status' });
    expect(within(status).getByText(/^Activated · checks in every 30 s/)).toBeVisible();
    expect(within(status).queryByRole('button', { name: /Revoke/ })).toBeNull();
  });

  it('opens from a deep link with identity, connectivity, batch cutoff countdown and a way to its voidable sales', async () => {
    await renderSignedIn('owner', { route: `/terminals/${DEMO_TIDS.custom}` });

    expect(
      await screen.findByRole('heading', { level: 1, name: `Terminal ${DEMO_TIDS.custom}` }),
    ).toBeVisible();
    const identity = section('Terminal');
    expect(within(identity).getByText(DEMO_TIDS.custom)).toBeVisible();
    expect(within(identity).getByText('Serial number (SN)')).toBeVisible();
    expect(within(identity).getByText('杭州西湖区悦来便利店')).toBeVisible();
    expect(within(identity).getByText(/^悦来便利店\(/)).toBeVisible();

    const status = section('Status');
    expect(within(status).getByText('Online')).toBeVisible();
    expect(within(status).getByText(/^Last seen /)).toBeVisible();
    expect(within(status).getByText(/^Batch \d{6}$/)).toBeVisible();
    expect(within(status).getByText(/^Settles at .*23:00:00$/)).toBeVisible();
    expect(within(status).getByRole('timer')).toHaveTextContent(/^Closes in \d+ (hr|min|sec)/);

    expect(screen.getByRole('link', { name: 'Sales that can still be voided' })).toHaveAttribute(
      'href',
      `/transactions?terminalId=${DEMO_TIDS.custom}&voidable=true`,
    );
    const password = section('Void password');
    expect(within(password).getByText('Custom')).toBeVisible();
    expect(within(password).getByText('0 of 5 (locks at 5)')).toBeVisible();
  });

  it('says when the next check-in is due, and that the terminal is not activated on the terminal protocol', async () => {
    await renderSignedIn('owner', { route: `/terminals/${DEMO_TIDS.custom}` });
    const status = await screen.findByRole('region', { name: 'Status' });
    const lastSeen = Date.parse(
      within(status)
        .getByText(/^Last seen /)
        .getAttribute('datetime')!,
    );
    const due = new Intl.DateTimeFormat('en', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(lastSeen + 30 * SECOND);
    expect(within(status).getByText(`Next check-in expected about ${due}`)).toBeVisible();
    expect(within(status).getByText('Not activated')).toBeVisible();
  });

  it('says which check-in an offline terminal missed, and that its activation waits for the terminal', async () => {
    await mockControl(`/terminals/${DEMO_TIDS.custom}/activation-code`, {});
    await mockControl(`/terminals/${DEMO_TIDS.custom}/connectivity`, { online: false });
    await renderSignedIn('owner', { route: `/terminals/${DEMO_TIDS.custom}` });
    const status = await screen.findByRole('region', { name: 'Status' });
    expect(within(status).getByText('Offline')).toBeVisible();
    expect(within(status).getByText(/^Missed the check-in due at \d\d:\d\d$/)).toBeVisible();
    expect(within(status).getByText('Activation code issued; waiting for the terminal')).toBeVisible();
  });

  it('names the firmware release a terminal on an older one can update to', async () => {
    const app = await renderSignedIn('owner', { route: '/terminals?firmware=outdated' });
    const first = await screen.findAllByRole('link', { name: /^\d{8}$/ });
    await app.user.click(first[0]!);
    const identity = await screen.findByRole('region', { name: 'Terminal' });
    expect(await within(identity).findByText(/^Update available: \S+/)).toBeVisible();
  });

  it('shows the factory default as a risk to fix', async () => {
    await renderSignedIn('owner', { route: `/terminals/${DEMO_TIDS.defaultPassword}` });

    const password = await screen.findByRole('region', { name: 'Void password' });
    expect(within(password).getByText('Factory default')).toBeVisible();
    expect(within(password).getByRole('status')).toHaveTextContent(/still uses the factory void password/);
    expect(within(password).getByText('Never changed (factory default)')).toBeVisible();
  });

  it('shows a cashier the terminal and its batch, but nothing of its void password or commands', async () => {
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => asked.push(new URL(request.url).pathname));
    await renderSignedIn('cashier', { route: `/terminals/${DEMO_TIDS.defaultPassword}` });

    expect(
      await screen.findByRole('heading', { level: 1, name: `Terminal ${DEMO_TIDS.defaultPassword}` }),
    ).toBeVisible();
    expect(within(section('Status')).getByText('Online')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Sales that can still be voided' })).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Void password' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Open command' })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Command history' })).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(/123456|factory|change it/i);
    expect(asked.some((path) => path.endsWith('/void-password/commands'))).toBe(false);
  });

  it('shows a lockout with the time left on the server clock, counting down', async () => {
    await renderSignedIn('owner', { route: `/terminals/${DEMO_TIDS.locked}` });

    const password = await screen.findByRole('region', { name: 'Void password' });
    const timer = within(password).getByRole('timer');
    expect(timer).toHaveTextContent(/^Locked · \d+ min \d+ sec left$/);
    expect(within(password).getByText('5 of 5 (locks at 5)')).toBeVisible();
    const before = timer.textContent;
    await waitFor(() => expect(timer.textContent).not.toBe(before), { timeout: 3000 });
  });

  it('follows the open command live, in the background, until the terminal applies it', async () => {
    const backgroundPolls: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (new URL(request.url).pathname.includes('/password-commands/'))
        backgroundPolls.push(request.headers.get('X-Background') ?? 'no');
    });
    await renderSignedIn('owner', { route: `/terminals/${DEMO_TIDS.openCommand}` });

    const panel = await screen.findByRole('region', { name: 'Open command' });
    expect(within(panel).getByText('Reset · Queued')).toBeVisible();
    expect(within(panel).getByRole('status')).toHaveTextContent('The terminal is offline');
    expect(within(panel).getByText('This status updates by itself.')).toBeVisible();

    // The terminal comes back and checks in: it picks the command up and applies it.
    await mockControl(`/terminals/${DEMO_TIDS.openCommand}/connectivity`, { online: true });
    travelInTime(31 * SECOND);

    const latest = await screen.findByRole('region', { name: 'Latest command' }, { timeout: 8000 });
    expect(within(latest).getByText('Reset · Applied')).toBeVisible();
    expect(within(latest).getByRole('status')).toHaveTextContent('The new void password is in effect');
    expect(backgroundPolls.length).toBeGreaterThan(0);
    expect(new Set(backgroundPolls)).toEqual(new Set(['1']));
    // The page re-reads the terminal: the history has the applied reset.
    const history = section('Command history');
    await waitFor(() => expect(within(history).getByText('Reset · Applied')).toBeVisible());
  });

  it('lists the command history with outcomes in words', async () => {
    await renderSignedIn('support', { route: `/terminals/${DEMO_TIDS.merchantBExpired}` });

    const history = await screen.findByRole('region', { name: 'Command history' });
    await waitFor(() => expect(within(history).getByText('Reset · Expired')).toBeVisible());
    expect(within(history).getAllByRole('listitem').length).toBeGreaterThan(0);
  });

  it("answers another merchant's terminal as not found, showing nothing of it", async () => {
    await renderSignedIn('owner', { route: `/terminals/${DEMO_TIDS.merchantBCustom}` });

    expect(await screen.findByRole('heading', { level: 1, name: 'Terminal not found' })).toBeVisible();
    expect(screen.getByText(/There is no terminal 58200201 among the terminals you can see/)).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Void password' })).not.toBeInTheDocument();
    expect(screen.queryByText(/味香园/)).not.toBeInTheDocument();
  });

  it('answers a malformed terminal number as not found without asking the server', async () => {
    const requests: string[] = [];
    server.events.on('request:start', ({ request }) => requests.push(new URL(request.url).pathname));
    await renderSignedIn('owner', { route: '/terminals/not-a-tid' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Terminal not found' })).toBeVisible();
    expect(requests.some((path) => path.includes('/terminals/not-a-tid'))).toBe(false);
  });

  it('links support to the merchant of the terminal', async () => {
    await renderSignedIn('support', { route: `/terminals/${DEMO_TIDS.merchantBCustom}` });

    const identity = await screen.findByRole('region', { name: 'Terminal' });
    expect(within(identity).getByRole('link', { name: '上海徐汇区味香园餐饮管理有限公司' })).toHaveAttribute(
      'href',
      '/merchants/822290158120047',
    );
  });
});
