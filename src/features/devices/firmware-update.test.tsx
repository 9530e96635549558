import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '@/i18n/i18n';
import { mockAcquirer } from '@/mocks/node';
import { apiUrl, http, problem, server, setupMockAcquirer } from '@/testing/mock-server';
import { renderSignedIn } from '@/testing/render-app';
import { MERCHANT_A } from '@acquirer/data/demo-fixtures';
import { firmwareUpdateOf } from '@acquirer/data/firmware';

setupMockAcquirer();

/** A terminal of the owner's merchant on an older release, with no command waiting. */
function outdatedTerminal() {
  const { state } = mockAcquirer();
  const terminal = state.world.terminals.find(
    (t) =>
      t.merchantId === MERCHANT_A &&
      firmwareUpdateOf(t) !== null &&
      ![...state.openCommands].some((c) => c.tid === t.tid),
  )!;
  expect(terminal).toBeDefined();
  return { tid: terminal.tid, from: terminal.firmware, to: firmwareUpdateOf(terminal)! };
}

describe('Scheduling a firmware update on the terminal page', () => {
  it('asks to confirm from which release to which, schedules it, and shows the open command as a firmware update', async () => {
    const { tid, from, to } = outdatedTerminal();
    const app = await renderSignedIn('owner', { route: `/terminals/${tid}` });
    const identity = await screen.findByRole('region', { name: 'Terminal' });
    expect(within(identity).getByText(`Update available: ${to}`)).toBeVisible();

    await app.user.click(within(identity).getByRole('button', { name: 'Schedule the update' }));
    const dialog = screen.getByRole('dialog', { name: `Update the firmware of ${tid}?` });
    expect(dialog).toHaveAccessibleDescription(
      `The terminal goes from ${from} to ${to}. It installs the update at its next check-in and keeps ${from} until then. You can cancel the update while it is queued.`,
    );
    await app.user.click(within(dialog).getByRole('button', { name: 'Schedule the update' }));

    expect(
      await within(identity).findByText(
        `Update to ${to} scheduled. The terminal installs it at its next check-in.`,
      ),
    ).toBeVisible();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const open = await screen.findByRole('region', { name: 'Open command' });
    expect(await within(open).findByText('Firmware update · Queued')).toBeVisible();
    expect(within(open).getByText(`To version ${to}`)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel the waiting Firmware update' })).toBeVisible();
  });

  it('says plainly why it was not scheduled, and keeps the dialog to try again', async () => {
    const { tid } = outdatedTerminal();
    server.use(
      http.post(apiUrl(`/terminals/${tid}/firmware-update`), () => problem(409, 'command.already_open')),
    );
    const app = await renderSignedIn('owner', { route: `/terminals/${tid}` });
    const identity = await screen.findByRole('region', { name: 'Terminal' });
    await app.user.click(within(identity).getByRole('button', { name: 'Schedule the update' }));
    const dialog = screen.getByRole('dialog');
    await app.user.click(within(dialog).getByRole('button', { name: 'Schedule the update' }));
    expect(
      await within(dialog).findByText(
        'This terminal already has a command waiting. Wait until it is done, or cancel it, then schedule the update.',
      ),
    ).toBeVisible();
    expect(within(dialog).getByRole('button', { name: 'Schedule the update' })).toBeEnabled();
    await app.user.click(within(dialog).getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Focus goes back to the button that opened it, for the keyboard.
    expect(within(identity).getByRole('button', { name: 'Schedule the update' })).toHaveFocus();
  });

  it('is not offered to a cashier', async () => {
    const { tid } = outdatedTerminal();
    await renderSignedIn('cashier', { route: `/terminals/${tid}` });
    const identity = await screen.findByRole('region', { name: 'Terminal' });
    expect(within(identity).getByText(/^Update available: /)).toBeVisible();
    expect(within(identity).queryByRole('button', { name: 'Schedule the update' })).not.toBeInTheDocument();
  });

  it('speaks Chinese', async () => {
    const { tid, from, to } = outdatedTerminal();
    try {
      const app = await renderSignedIn('owner', { route: `/terminals/${tid}` });
      await act(() => changeLanguage('zh-CN'));
      await app.user.click(await screen.findByRole('button', { name: '安排升级' }));
      const dialog = screen.getByRole('dialog', { name: `升级终端 ${tid} 的固件？` });
      expect(dialog).toHaveAccessibleDescription(
        `终端将从 ${from} 升级到 ${to}。终端在下次与平台通信时安装，在此之前仍运行 ${from}。排队期间可以取消升级。`,
      );
      await app.user.click(within(dialog).getByRole('button', { name: '安排升级' }));
      const open = await screen.findByRole('region', { name: '待执行指令' });
      expect(await within(open).findByText('固件升级 · 排队中')).toBeVisible();
    } finally {
      await act(() => changeLanguage('en'));
    }
  });
});

describe('Updating the firmware of selected terminals', () => {
  it('schedules them and sums up how many were scheduled, already current or busy', async () => {
    const { tid } = outdatedTerminal();
    const app = await renderSignedIn('owner', { route: '/terminals' });
    await screen.findByRole('table', { name: 'Terminals' });
    await app.user.click(screen.getByRole('checkbox', { name: /^Select all \d+ terminals$/ }));
    await app.user.click(screen.getByRole('button', { name: 'Update firmware' }));
    const dialog = screen.getByRole('dialog', { name: /^Update the firmware of \d+ selected terminals\?$/ });
    await app.user.click(within(dialog).getByRole('button', { name: 'Schedule the updates' }));

    const summary = await within(dialog).findByRole('heading', { name: 'Firmware updates' });
    expect(summary).toBeVisible();
    const { state } = mockAcquirer();
    const firmwareCommands = [...state.commands.values()].filter((c) => c.kind === 'firmware');
    expect(firmwareCommands.map((c) => c.tid)).toContain(tid);
    expect(within(dialog).getByText(`${firmwareCommands.length} scheduled`)).toBeVisible();
    expect(within(dialog).getByText(/^\d+ already current$/)).toBeVisible();
    expect(within(dialog).getByText(/^\d+ busy with a command$/)).toBeVisible();
    await app.user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByText(/selected/)).not.toBeInTheDocument());
  });
});
