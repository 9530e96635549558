import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { advanceMockClock, loseAnswerAfterArrival, server, setupMockAcquirer } from '@/testing/mock-server';
import { DEMO_ACCOUNTS, renderSignedIn, travelInTime, type DemoRole } from '@/testing/render-app';
import { stepUpHolder } from './api/step-up';
import { dialog, expectNoSecretLeft, recordMutations, recordStepUpTokens, typePin } from './test-support';

setupMockAcquirer();
beforeEach(() => stepUpHolder.drop());

const MINUTE = 60_000;
const RESET_PATH = '/terminals/:tid/void-password/reset';
const NEW_PIN = '907153';

function passwordOf(role: DemoRole): string {
  return DEMO_ACCOUNTS.find((account) => account.role === role)!.password;
}

async function openReset(role: DemoRole, tid: string) {
  const app = await renderSignedIn(role, { route: `/terminals/${tid}` });
  await app.user.click(await screen.findByRole('button', { name: 'Reset void password (forgotten)' }));
  return app;
}

type App = Awaited<ReturnType<typeof openReset>>;

async function confirmPassword(app: App, password: string) {
  const field = await within(dialog()).findByLabelText('Your account password');
  expect(field).toHaveAttribute('autocomplete', 'current-password');
  await app.user.type(field, password);
  await app.user.click(within(dialog()).getByRole('button', { name: 'Confirm' }));
}

function temporaryPinShown(): string {
  const spoken = within(dialog()).getByText(/^\d( \d){5}$/);
  return spoken.textContent!.replaceAll(' ', '');
}

describe('Resetting a forgotten void password', () => {
  it('asks for the account password, then shows a temporary PIN once, which disappears for good', async () => {
    const sent = recordMutations();
    const tokens = recordStepUpTokens();
    // Offline: the reset stays queued while the PIN is on screen.
    const app = await openReset('owner', DEMO_TIDS.offline);

    await confirmPassword(app, 'not-my-password');
    const field = within(dialog()).getByLabelText('Your account password');
    await waitFor(() => expect(field).toHaveAccessibleDescription(/^The password is incorrect\./));
    expect(field).toHaveValue('');
    await confirmPassword(app, passwordOf('owner'));

    expect(await within(dialog()).findByText(/Account password confirmed until \d\d:\d\d\./)).toBeVisible();
    expect(
      within(dialog()).getByRole('button', { name: "Export this terminal's sales (CSV)" }),
    ).toBeVisible();
    await app.user.click(within(dialog()).getByLabelText('Generate a temporary one', { exact: false }));
    expect(within(dialog()).queryByLabelText('New void password')).not.toBeInTheDocument();
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset the void password' }));

    expect(
      await within(dialog()).findByRole('heading', {
        name: `Temporary void password for terminal ${DEMO_TIDS.offline}`,
      }),
    ).toHaveFocus();
    const pin = temporaryPinShown();
    expect(pin).toMatch(/^\d{6}$/);
    expect(within(dialog()).getByText(/It is shown only now/)).toBeVisible();
    const clipboardWrites = vi.spyOn(navigator.clipboard, 'writeText');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(pin);
    expect(
      within(dialog()).getByText(/^Copied\. The clipboard is emptied when you close this\.$/),
    ).toBeVisible();

    await app.user.keyboard('{Escape}');
    expect(dialog()).toBeVisible();
    await app.user.click(within(dialog()).getByRole('button', { name: 'I have noted it' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByText(`Reset sent to terminal ${DEMO_TIDS.offline}.`)).toBeVisible();
    expect(clipboardWrites).toHaveBeenLastCalledWith('');
    const reset = sent.find((r) => r.path.endsWith('/void-password/reset'))!;
    expect(reset.body).toEqual({ generateTemporary: true });
    expect(reset.stepUpToken).toBe(tokens[0]);
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Open command' })).toHaveTextContent('Reset · Queued'),
    );
    expectNoSecretLeft(app.queryClient, [pin, passwordOf('owner'), tokens[0]!]);
  });

  it('reuses the account-password confirmation for 5 minutes, then asks again', async () => {
    const app = await openReset('owner', DEMO_TIDS.custom);
    await confirmPassword(app, passwordOf('owner'));
    await within(dialog()).findByText(/Account password confirmed until/);
    await app.user.click(within(dialog()).getByRole('button', { name: 'Cancel' }));

    await act(() => app.router.navigate(`/terminals/${DEMO_TIDS.defaultPassword}`));
    await app.user.click(await screen.findByRole('button', { name: 'Reset void password (forgotten)' }));
    expect(within(dialog()).getByText(/Account password confirmed until/)).toBeVisible();
    expect(within(dialog()).queryByLabelText('Your account password')).not.toBeInTheDocument();
    await app.user.click(within(dialog()).getByRole('button', { name: 'Cancel' }));

    travelInTime(5 * MINUTE);
    await app.user.click(screen.getByRole('button', { name: 'Reset void password (forgotten)' }));
    expect(await within(dialog()).findByLabelText('Your account password')).toBeVisible();
  });

  it('forgets the account-password confirmation at sign-out: signed in again, a reset asks for it', async () => {
    const app = await openReset('owner', DEMO_TIDS.custom);
    await confirmPassword(app, passwordOf('owner'));
    await within(dialog()).findByText(/Account password confirmed until/);
    await app.user.click(within(dialog()).getByRole('button', { name: 'Cancel' }));

    await app.user.click(screen.getByRole('button', { name: /Account menu for/ }));
    await app.user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(stepUpHolder.get('usr_owner')).toBeNull();

    // Within the 5 minutes the token was good for: the same user is asked again all the same.
    await app.user.type(screen.getByLabelText('Username'), 'owner');
    await app.user.type(screen.getByLabelText('Password'), passwordOf('owner'));
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    await act(() => app.router.navigate(`/terminals/${DEMO_TIDS.custom}`));
    await app.user.click(await screen.findByRole('button', { name: 'Reset void password (forgotten)' }));
    expect(await within(dialog()).findByLabelText('Your account password')).toBeVisible();
    expect(within(dialog()).queryByText(/Account password confirmed until/)).not.toBeInTheDocument();
  });

  it('asks again when the acquirer no longer takes the confirmation, then sends without another click', async () => {
    const sent = recordMutations();
    const app = await openReset('owner', DEMO_TIDS.custom);
    await confirmPassword(app, passwordOf('owner'));
    await within(dialog()).findByText(/Account password confirmed until/);
    await typePin(app.user, 'New void password', NEW_PIN);
    await typePin(app.user, 'New void password again', NEW_PIN);
    // Only the acquirer's clock moves: it refuses the token the browser still thinks valid.
    advanceMockClock(6 * MINUTE);
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset the void password' }));

    expect(await within(dialog()).findByText(/Your password confirmation has run out/)).toBeVisible();
    await confirmPassword(app, passwordOf('owner'));

    expect(await screen.findByText(`Reset sent to terminal ${DEMO_TIDS.custom}.`)).toBeVisible();
    const resets = sent.filter((r) => r.path.endsWith('/void-password/reset'));
    expect(resets).toHaveLength(2);
    expect(resets[1]!.body).toEqual({ newPassword: NEW_PIN });
  });

  it('requires a ticket reference and a reason of support, and sends both', async () => {
    const sent = recordMutations();
    const app = await openReset('support', DEMO_TIDS.custom);
    await confirmPassword(app, passwordOf('support'));
    await within(dialog()).findByText(/Account password confirmed until/);
    expect(within(dialog()).getByLabelText('Generate a temporary one', { exact: false })).toBeChecked();
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset the void password' }));

    expect(within(dialog()).getByLabelText('Ticket reference')).toHaveAccessibleDescription(
      'Enter the ticket reference of this request.',
    );
    expect(within(dialog()).getByLabelText('Reason')).toHaveAccessibleDescription(
      /Say why the void password is being reset\./,
    );
    expect(sent.filter((r) => r.path.endsWith('/void-password/reset'))).toHaveLength(0);

    await app.user.type(within(dialog()).getByLabelText('Ticket reference'), '  INC-2041 ');
    await app.user.type(
      within(dialog()).getByLabelText('Reason'),
      'Owner called: the manager who knew it left.',
    );
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset the void password' }));
    await within(dialog()).findByRole('heading', { name: /^Temporary void password/ });
    expect(sent.find((r) => r.path.endsWith('/void-password/reset'))!.body).toEqual({
      generateTemporary: true,
      ticketId: 'INC-2041',
      reason: 'Owner called: the manager who knew it left.',
    });
  });

  it('tells support to read a temporary PIN to the merchant, when it takes effect and until when; the terminal then shows it as temporary', async () => {
    const app = await openReset('support', DEMO_TIDS.custom);
    await confirmPassword(app, passwordOf('support'));
    await within(dialog()).findByText(/Account password confirmed until/);
    await app.user.type(within(dialog()).getByLabelText('Ticket reference'), 'INC-2042');
    await app.user.type(within(dialog()).getByLabelText('Reason'), 'Owner forgot it.');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset the void password' }));
    await within(dialog()).findByRole('heading', { name: /^Temporary void password/ });

    expect(within(dialog()).getByText(/^Read it to the merchant, digit by digit\./)).toBeVisible();
    expect(within(dialog()).queryByText(/Give it to the person at the terminal/)).not.toBeInTheDocument();
    expect(
      within(dialog()).getByText(
        'The terminal takes it at its next check-in, about every 30 seconds. Until then its old void password still works.',
      ),
    ).toBeVisible();
    expect(
      within(dialog()).getByText(/If the terminal has not taken it by .+\d\d:\d\d.*, the reset lapses/),
    ).toBeVisible();
    const pin = temporaryPinShown();
    await app.user.click(within(dialog()).getByRole('button', { name: 'I have noted it' }));

    travelInTime(31_000);
    const voidPassword = screen.getByRole('region', { name: 'Void password' });
    expect(
      await within(voidPassword).findByText(
        'Temporary · must be changed at the terminal',
        {},
        { timeout: 8000 },
      ),
    ).toBeVisible();
    expect(within(voidPassword).queryByText('Custom')).not.toBeInTheDocument();
    expectNoSecretLeft(app.queryClient, [pin]);
  });

  it('offers the terminal’s sales as CSV before the reset, says why, and saves them in the reader’s words', async () => {
    const saved: File[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as File);
      return 'blob:backup';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const exports: URL[] = [];
    const app = await openReset('owner', DEMO_TIDS.custom);
    await confirmPassword(app, passwordOf('owner'));
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/transactions/export')) exports.push(url);
    });
    const offer = await within(dialog()).findByRole('region', {
      name: 'Before you reset: keep a copy of its sales',
    });
    expect(offer).toHaveTextContent('A reset changes only the void password and deletes no sales.');
    expect(offer).toHaveTextContent("so you keep today's records");
    await app.user.click(within(offer).getByRole('button', { name: "Export this terminal's sales (CSV)" }));

    expect(
      await within(dialog()).findByText(
        new RegExp(`^Saved transactions-${DEMO_TIDS.custom}-\\d{8}\\.csv \\(`),
      ),
    ).toBeVisible();
    expect(exports.map((url) => Object.fromEntries(url.searchParams))).toEqual([
      { terminalId: DEMO_TIDS.custom, lang: 'en' },
    ]);
    const [header, ...rows] = (await saved[0]!.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header).toMatch(
      /^Transaction ID,Time \(China Standard Time\),MID,TID,Store,Type,Status,Payment method,/,
    );
    expect(rows.some((row) => row.includes(',Sale,Approved,Chip card,'))).toBe(true);
  });

  it('a temporary PIN whose answer was lost is recovered by checking again with the same request', async () => {
    const sent = recordMutations();
    loseAnswerAfterArrival('post', RESET_PATH);
    const app = await openReset('owner', DEMO_TIDS.offline);
    await confirmPassword(app, passwordOf('owner'));
    await app.user.click(
      await within(dialog()).findByLabelText('Generate a temporary one', { exact: false }),
    );
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset the void password' }));

    expect(await within(dialog()).findByText("We don't know yet whether it went through")).toBeVisible();
    expect(await within(dialog()).findByText(/The terminal now shows: Reset · Queued/)).toBeVisible();
    await app.user.click(within(dialog()).getByRole('button', { name: 'Check again' }));

    await within(dialog()).findByRole('heading', { name: /^Temporary void password/ });
    expect(temporaryPinShown()).toMatch(/^\d{6}$/);
    const resets = sent.filter((r) => r.path.endsWith('/void-password/reset'));
    expect(resets).toHaveLength(2);
    expect(resets[1]!.idempotencyKey).toBe(resets[0]!.idempotencyKey);
  });
});
