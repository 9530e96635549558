import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  apiUrl,
  http,
  loseAnswerAfterArrival,
  problem,
  server,
  setupMockAcquirer,
} from '@/testing/mock-server';
import { DEMO_ACCOUNTS, renderSignedIn, submitSignIn } from '@/testing/render-app';
import { DEMO_TIDS, DEMO_VOID_PASSWORD } from '@acquirer/data/demo-fixtures';
import { stepUpHolder } from './api/step-up';
import { dialog, expectNoSecretLeft, recordMutations, typePin } from './test-support';

setupMockAcquirer();
beforeEach(() => stepUpHolder.drop());

const NEW_PIN = '907153';
const CHANGE_PATH = '/terminals/:tid/void-password/change';

async function openChange(tid: string) {
  const app = await renderSignedIn('owner', { route: `/terminals/${tid}` });
  await app.user.click(await screen.findByRole('button', { name: 'Change void password' }));
  expect(dialog()).toBeVisible();
  return app;
}

async function fillChange(
  app: Awaited<ReturnType<typeof openChange>>,
  current: string,
  next: string,
  confirm = next,
) {
  await typePin(app.user, 'Current void password', current);
  await typePin(app.user, 'New void password', next);
  await typePin(app.user, 'New void password again', confirm);
}

function submit() {
  return within(dialog()).getByRole('button', { name: 'Send the new void password' });
}

describe('Changing a void password', () => {
  it('sends current and new PIN once, closes, says so, and the terminal shows the queued change', async () => {
    const sent = recordMutations();
    const app = await openChange(DEMO_TIDS.custom);
    const field = within(dialog()).getByLabelText('New void password');
    expect(field).toHaveAttribute('inputmode', 'numeric');
    expect(field).toHaveAttribute('autocomplete', 'new-password');
    expect(field).toHaveAttribute('type', 'password');
    expect(within(dialog()).getByLabelText('Current void password')).toHaveAttribute(
      'autocomplete',
      'current-password',
    );

    await fillChange(app, DEMO_VOID_PASSWORD, NEW_PIN);
    await app.user.click(submit());

    expect(await screen.findByText(`Change sent to terminal ${DEMO_TIDS.custom}.`)).toBeVisible();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Change void password' })).toHaveFocus();
    const panel = screen.getByRole('region', { name: 'Open command' });
    // Queued — or already applied, if the terminal's 30-second check-in came in between.
    await waitFor(() => expect(within(panel).getByText(/^Change · (Queued|Applied)$/)).toBeVisible());
    const voidPassword = screen.getByRole('region', { name: 'Void password' });
    expect(within(voidPassword).getByText(/its old void password stays active/)).toBeVisible();

    const changes = sent.filter((r) => r.path.endsWith('/void-password/change'));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(changes[0]!.body).toEqual({ currentPassword: DEMO_VOID_PASSWORD, newPassword: NEW_PIN });
    expectNoSecretLeft(app.queryClient, [DEMO_VOID_PASSWORD, NEW_PIN]);
  });

  it('checks the policy as the user types, each broken rule in plain words, and sends nothing until it holds', async () => {
    const sent = recordMutations();
    const app = await openChange(DEMO_TIDS.custom);
    const rules = () =>
      within(dialog()).getByLabelText('New void password').getAttribute('aria-describedby')!;
    // The policy feedback is the field's last description, read on its own.
    // eslint-disable-next-line testing-library/no-node-access
    const feedback = () => document.getElementById(rules().split(' ').at(-1)!)!;

    expect(feedback()).toHaveTextContent(/^6 digits\. Not 123456/);
    const cases: Array<[string, string]> = [
      ['123', 'Exactly 6 digits.'],
      ['111111', 'Not the same digit six times, like 888888.'],
      ['123456', 'Not the factory default 123456.'],
      ['654321', 'No runs like 123456 or 654321.'],
      ['112233', 'Not a common PIN like 112233 or 520520.'],
      ['12a456', 'Digits only: no letters, spaces or symbols.'],
    ];
    for (const [typed, said] of cases) {
      await typePin(app.user, 'New void password', typed);
      expect(feedback()).toHaveTextContent(said);
    }
    await typePin(app.user, 'New void password', NEW_PIN);
    expect(feedback()).toHaveTextContent('Meets the rules.');

    await typePin(app.user, 'New void password', '111111');
    await typePin(app.user, 'Current void password', DEMO_VOID_PASSWORD);
    await typePin(app.user, 'New void password again', '222222');
    await app.user.click(submit());
    const newPin = within(dialog()).getByLabelText('New void password');
    expect(newPin).toHaveAttribute('aria-invalid', 'true');
    expect(newPin).toHaveAccessibleDescription(/Choose another: see what it must not be, below\./);
    expect(within(dialog()).getByLabelText('New void password again')).toHaveAccessibleDescription(
      'The two new void passwords differ. Type the same PIN twice.',
    );
    expect(sent.filter((r) => r.path.includes('/void-password/'))).toEqual([]);
  });

  it('says once that the new PIN must differ from the current one, without also saying it meets the rules', async () => {
    const sent = recordMutations();
    const app = await openChange(DEMO_TIDS.custom);
    await fillChange(app, DEMO_VOID_PASSWORD, DEMO_VOID_PASSWORD);
    await app.user.click(submit());
    const newPin = within(dialog()).getByLabelText('New void password');
    await waitFor(() =>
      expect(newPin).toHaveAccessibleDescription(
        /^The new void password must differ from the current one\.\s*$/,
      ),
    );
    expect(within(dialog()).queryByText(/Meets the rules/)).not.toBeInTheDocument();
    await typePin(app.user, 'New void password', NEW_PIN);
    expect(await within(dialog()).findByText(/Meets the rules/)).toBeVisible();
    expect(sent.filter((r) => r.path.includes('/void-password/'))).toEqual([]);
  });

  it('focuses the first field in error once: a page slow to run its timers does not pull the focus back later', async () => {
    const app = await openChange(DEMO_TIDS.custom);
    const current = within(dialog()).getByLabelText('Current void password');
    // Timers set while the empty form is checked are held back, as on a busy page, until the person has moved on.
    const heldBack: Array<() => void> = [];
    let holding = true;
    const realSetTimeout = globalThis.setTimeout;
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      handler: (...args: unknown[]) => void,
      timeout?: number,
      ...args: unknown[]
    ) => {
      if (holding && !timeout) {
        heldBack.push(() => handler(...args));
        return 0;
      }
      return realSetTimeout(handler, timeout, ...args);
    }) as typeof setTimeout);
    try {
      fireEvent.click(submit());
      for (let turn = 0; turn < 20 && current.getAttribute('aria-invalid') !== 'true'; turn += 1) {
        await act(() => Promise.resolve());
      }
      holding = false;
      expect(current).toHaveAttribute('aria-invalid', 'true');
      expect(current).toHaveFocus();

      await app.user.keyboard(DEMO_VOID_PASSWORD);
      await app.user.tab();
      const show = within(dialog()).getByRole('button', { name: 'Show Current void password' });
      expect(show).toHaveFocus();
      act(() => heldBack.forEach((run) => run()));
      expect(show).toHaveFocus();
    } finally {
      spy.mockRestore();
    }
  });

  it('takes a pasted PIN with spaces or full-width digits as the digits meant, and shows it on request', async () => {
    const app = await openChange(DEMO_TIDS.custom);
    const field = within(dialog()).getByLabelText('New void password');
    await app.user.click(field);
    await app.user.paste('９０７ １５３');
    expect(field).toHaveValue(NEW_PIN);

    await app.user.click(within(dialog()).getByRole('button', { name: 'Show New void password' }));
    expect(field).toHaveAttribute('type', 'text');
    await app.user.click(within(dialog()).getByRole('button', { name: 'Hide New void password' }));
    expect(field).toHaveAttribute('type', 'password');
  });

  it('puts a wrong current PIN on its field with the attempts left, clears it, keeps the new PIN, and offers a reset', async () => {
    const app = await openChange(DEMO_TIDS.custom);
    expect(
      within(dialog()).queryByRole('button', { name: 'Reset instead (forgotten)' }),
    ).not.toBeInTheDocument();
    await fillChange(app, '135790', NEW_PIN);
    await app.user.click(submit());

    const current = within(dialog()).getByLabelText('Current void password');
    await waitFor(() =>
      expect(current).toHaveAccessibleDescription(
        'The current void password is wrong. 4 attempts left; then it locks for 30 minutes, and cashiers cannot void sales at the terminal until then.',
      ),
    );
    expect(current).toHaveValue('');
    expect(current).toHaveFocus();
    expect(within(dialog()).getByLabelText('New void password')).toHaveValue(NEW_PIN);
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset instead (forgotten)' }));
    expect(
      await within(dialog()).findByRole('heading', {
        name: `Reset the void password of terminal ${DEMO_TIDS.custom}`,
      }),
    ).toBeVisible();
  });

  it('locks after the fifth wrong attempt, saying first that cashiers will not be able to void, one message at a time', async () => {
    // 58100108 has 3 wrong attempts already.
    const app = await openChange(DEMO_TIDS.failedAttempts);
    expect(
      within(dialog()).getByText(
        '3 wrong attempts so far (here or at the terminal). After 2 more the void password locks for 30 minutes, and cashiers cannot void sales at the terminal until then.',
      ),
    ).toBeVisible();
    expect(within(dialog()).getByRole('button', { name: 'Reset instead (forgotten)' })).toBeVisible();
    await fillChange(app, '135790', NEW_PIN);
    await app.user.click(submit());
    await waitFor(() =>
      expect(within(dialog()).getByLabelText('Current void password')).toHaveAccessibleDescription(
        'The current void password is wrong. 1 more wrong attempt locks it for 30 minutes, and cashiers cannot void sales at the terminal until then.',
      ),
    );
    expect(within(dialog()).queryByText(/wrong attempts so far/)).not.toBeInTheDocument();
    expect(within(dialog()).getAllByText(/cashiers cannot void/)).toHaveLength(1);
    await typePin(app.user, 'Current void password', '135790');
    await app.user.click(submit());

    expect(
      await within(dialog()).findByText(
        /locked after 5 wrong attempts, until \d\d:\d\d:\d\d\. Until then cashiers cannot void sales at the terminal\./,
      ),
    ).toBeVisible();
    await app.user.click(within(dialog()).getByRole('button', { name: 'Reset it instead' }));
    expect(await within(dialog()).findByLabelText('Your account password')).toBeVisible();
  });

  it('maps the server’s refusals to the field they concern', async () => {
    server.use(
      http.post(apiUrl(CHANGE_PATH), () =>
        problem(422, 'pin.reused', {
          errors: [{ field: 'newPassword', code: 'pin.reused', message: 'reused' }],
        }),
      ),
    );
    const app = await openChange(DEMO_TIDS.custom);
    await fillChange(app, DEMO_VOID_PASSWORD, NEW_PIN);
    await app.user.click(submit());
    const newPin = within(dialog()).getByLabelText('New void password');
    await waitFor(() =>
      expect(newPin).toHaveAccessibleDescription(
        /This is one of the terminal's last 3 void passwords\. Choose another\./,
      ),
    );
    expect(newPin).toHaveFocus();
  });

  it('shows the open command instead of a second change, and lets it be cancelled while queued', async () => {
    // 58100105 is offline with a queued reset.
    const app = await openChange(DEMO_TIDS.openCommand);
    expect(
      within(dialog()).getByText(
        /already has a command waiting \(a void-password change or reset, or a firmware update\)/,
      ),
    ).toBeVisible();
    expect(within(dialog()).getByText(/Reset · Queued, requested by/)).toBeVisible();
    expect(within(dialog()).getByText(/old void password stays active until it next connects/)).toBeVisible();

    await app.user.click(within(dialog()).getByRole('button', { name: 'Cancel the waiting Reset' }));
    expect(await within(dialog()).findByLabelText('Current void password')).toBeVisible();
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Latest command' })).toHaveTextContent('Cancelled'),
    );
  });

  it('a change refused because another command arrived meanwhile shows that command', async () => {
    server.use(
      http.post(apiUrl(CHANGE_PATH), () => problem(409, 'command.already_open', { openCommandId: 'cmd_x' })),
    );
    const app = await openChange(DEMO_TIDS.custom);
    await fillChange(app, DEMO_VOID_PASSWORD, NEW_PIN);
    await app.user.click(submit());
    expect(
      await within(dialog()).findByText(
        /already has a command waiting \(a void-password change or reset, or a firmware update\)/,
      ),
    ).toBeVisible();
  });

  it('a double click sends one request', async () => {
    const sent = recordMutations();
    const app = await openChange(DEMO_TIDS.custom);
    await fillChange(app, DEMO_VOID_PASSWORD, NEW_PIN);
    await app.user.dblClick(submit());
    expect(await screen.findByText(`Change sent to terminal ${DEMO_TIDS.custom}.`)).toBeVisible();
    expect(sent.filter((r) => r.path.endsWith('/void-password/change'))).toHaveLength(1);
  });

  it('an answer lost on the way is "not known yet", re-reads the terminal, and checking again reuses the key', async () => {
    const sent = recordMutations();
    loseAnswerAfterArrival('post', CHANGE_PATH);
    // Offline: its change stays queued, whatever the time.
    const app = await openChange(DEMO_TIDS.offline);
    await fillChange(app, '123456', NEW_PIN);
    await app.user.click(submit());

    expect(await within(dialog()).findByText("We don't know yet whether it went through")).toBeVisible();
    expect(screen.queryByText(/Change sent to terminal/)).not.toBeInTheDocument();
    // Re-reading the terminal shows the change did arrive.
    expect(await within(dialog()).findByText(/The terminal now shows: Change · Queued/)).toBeVisible();

    await app.user.click(within(dialog()).getByRole('button', { name: 'Check again' }));
    expect(await screen.findByText(`Change sent to terminal ${DEMO_TIDS.offline}.`)).toBeVisible();

    const changes = sent.filter((r) => r.path.endsWith('/void-password/change'));
    expect(changes).toHaveLength(2);
    expect(changes[1]!.idempotencyKey).toBe(changes[0]!.idempotencyKey);
    const history = screen.getByRole('region', { name: 'Command history' });
    await waitFor(() => expect(within(history).getAllByText('Change · Queued')).toHaveLength(1));
  });

  it('a new action after a definite answer gets a new key', async () => {
    const sent = recordMutations();
    const app = await openChange(DEMO_TIDS.custom);
    await fillChange(app, '135790', NEW_PIN);
    await app.user.click(submit());
    await waitFor(() =>
      expect(within(dialog()).getByLabelText('Current void password')).toHaveAttribute(
        'aria-invalid',
        'true',
      ),
    );
    await typePin(app.user, 'Current void password', DEMO_VOID_PASSWORD);
    await app.user.click(submit());
    expect(await screen.findByText(`Change sent to terminal ${DEMO_TIDS.custom}.`)).toBeVisible();
    const keys = sent.filter((r) => r.path.endsWith('/void-password/change')).map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('on an offline terminal, says the old PIN stays active until it connects, and the change can be cancelled', async () => {
    const app = await openChange(DEMO_TIDS.offline);
    await fillChange(app, '123456', NEW_PIN);
    await app.user.click(submit());
    expect(await screen.findByText(`Change sent to terminal ${DEMO_TIDS.offline}.`)).toBeVisible();
    const panel = screen.getByRole('region', { name: 'Void password' });
    await waitFor(() =>
      expect(
        within(panel).getByText(/offline: its old void password stays active until it next connects/),
      ).toBeVisible(),
    );
    await app.user.click(within(panel).getByRole('button', { name: 'Cancel the waiting Change' }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Latest command' })).toHaveTextContent('Change · Cancelled'),
    );
  });

  it('a session that ends at the change says, once signed in again, that the change was not sent', async () => {
    server.use(http.post(apiUrl(CHANGE_PATH), () => problem(401, 'auth.session_expired')));
    const app = await openChange(DEMO_TIDS.custom);
    await fillChange(app, DEMO_VOID_PASSWORD, NEW_PIN);
    await app.user.click(submit());

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    const owner = DEMO_ACCOUNTS.find((account) => account.role === 'owner')!;
    await submitSignIn(app, owner.username, owner.password);
    expect(
      await screen.findByText(
        `Your session ended, so the change of the void password of terminal ${DEMO_TIDS.custom} was not sent. Nothing changed at the terminal: do it again if it is still needed.`,
      ),
    ).toBeVisible();
    expect(app.url()).toBe(`/terminals/${DEMO_TIDS.custom}`);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expectNoSecretLeft(app.queryClient, [DEMO_VOID_PASSWORD, NEW_PIN]);
    await app.user.click(screen.getByRole('link', { name: 'Terminals' }));
    await app.user.click(await screen.findByRole('link', { name: DEMO_TIDS.custom }));
    await screen.findByRole('button', { name: 'Change void password' });
    expect(screen.queryByText(/was not sent/)).not.toBeInTheDocument();
  });

  it('gives a cashier no void-password controls (nor the void password itself)', async () => {
    await renderSignedIn('cashier', { route: `/terminals/${DEMO_TIDS.custom}` });
    expect(
      await screen.findByRole('heading', { level: 1, name: `Terminal ${DEMO_TIDS.custom}` }),
    ).toBeVisible();
    expect(screen.queryByRole('region', { name: 'Void password' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /void password/i })).not.toBeInTheDocument();
  });

  it('gives support a reset but no change (they do not know the PIN)', async () => {
    await renderSignedIn('support', { route: `/terminals/${DEMO_TIDS.custom}` });
    const panel = await screen.findByRole('region', { name: 'Void password' });
    expect(within(panel).getByRole('button', { name: 'Reset void password (forgotten)' })).toBeVisible();
    expect(within(panel).queryByRole('button', { name: 'Change void password' })).not.toBeInTheDocument();
  });
});
