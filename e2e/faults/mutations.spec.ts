import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { DEMO_PASSWORDS, expect, test } from '../fixtures';
import { TerminalsPage } from '../pages/terminals-page';
import { VoidPasswordControls } from '../pages/void-password';
import {
  FAULT_NAMES,
  FAULTS,
  FaultCell,
  type FaultName,
  type FaultTarget,
  type MutationOutcome,
  SAYS,
} from './fault-table';

/** Offline: a queued command stays queued, so the history counts what was sent. */
const TID = DEMO_TIDS.offline;
const FACTORY_DEFAULT = '123456';
const NEW_PIN = '907153';
const TICKET = 'INC-7001';
const REASON = 'The owner called: nobody in the store knows the PIN.';
const TERMINAL = `/terminals/${TID}`;
const FLEET = '/terminals?passwordState=default';
const BULK_COUNT = 4;

const LOGIN: FaultTarget = { method: 'POST', path: '/auth/login' };
const STEP_UP: FaultTarget = { method: 'POST', path: '/auth/step-up' };
const CHANGE: FaultTarget = { method: 'POST', path: '/terminals/*/void-password/change' };
const RESET: FaultTarget = { method: 'POST', path: '/terminals/*/void-password/reset' };
const BULK: FaultTarget = { method: 'POST', path: '/void-password/bulk-resets' };

async function expectRefusal(
  controls: VoidPasswordControls,
  outcome: Exclude<MutationOutcome, 'unknown' | 'session-ended'>,
) {
  const alert = controls.dialog.getByRole('alert');
  const retry = alert.getByRole('button', { name: 'Try again' });
  switch (outcome) {
    case 'rate-limited':
      await expect(alert).toContainText(SAYS.rateLimited);
      // No hammering: "Try again" waits for the time the acquirer gave.
      await expect(retry).toBeDisabled();
      break;
    case 'forbidden':
      await expect(alert).toContainText(SAYS.forbidden);
      // Asking again will not change a permission.
      await expect(retry).toHaveCount(0);
      break;
    case 'conflict':
      await expect(alert).toContainText(SAYS.conflict);
      await expect(retry).toBeEnabled();
      break;
  }
}

/** Only a hung request reached the acquirer, so only then does the re-read show a command. */
async function expectUnknownThenCheckAgain(
  controls: VoidPasswordControls,
  kind: 'Change' | 'Reset',
  fault: FaultName,
) {
  await expect(controls.dialog).toContainText(SAYS.unknownOutcome);
  await expect(controls.dialog).toContainText(
    fault === 'hung'
      ? new RegExp(`The terminal now shows: ${kind} · Queued`)
      : 'The terminal shows no command waiting.',
  );
  await expect(controls.dialog.page().getByText(new RegExp(`^${kind} sent to terminal`))).toHaveCount(0);
  await controls.button('Check again').click();
}

async function expectCommands(controls: VoidPasswordControls, kind: 'Change' | 'Reset', count: number) {
  await expect(controls.dialog).toBeHidden();
  const { history } = controls.terminal;
  if (count === 0) {
    await expect(history).toContainText('No void-password command has been sent to this terminal yet.');
  } else {
    await expect(history.getByText(`${kind} · Queued`)).toHaveCount(count);
  }
}

test.describe('Fault matrix: mutations', { tag: '@mock-only' }, () => {
  for (const fault of FAULT_NAMES) {
    const { mutation: outcome, says } = FAULTS[fault];

    test(`sign-in × ${fault}`, async ({ page, shell }) => {
      const cell = new FaultCell(page, fault);
      const { signInPage } = cell;
      await cell.openSignIn('/terminals');
      await cell.onCall(LOGIN, () => cell.signIn('owner'));
      const alert = signInPage.alert;
      await expect(alert).toBeVisible();
      await expect(shell.userMenuButton).toHaveCount(0);
      await expect(signInPage.username).toHaveValue('owner');
      if (fault === '429') {
        await expect(alert).toContainText(/Too many attempts, try again in \d s/);
        await expect(signInPage.submit).toBeDisabled();
        await expect(signInPage.password).toHaveValue('');
        return;
      }
      if (fault === '401') {
        // At sign-in a 401 is the acquirer refusing the credentials.
        await expect(alert).toContainText('The username or password is wrong.');
        await expect(signInPage.password).toHaveValue('');
        return;
      }
      await expect(alert).toContainText(says);
      // Both fields kept: sending again (the notice's "Try again", or "Sign in" after a 403,
      // which no retry changes) lands where the user was going.
      await expect(signInPage.password).toHaveValue(DEMO_PASSWORDS.owner);
      if (fault === '403') {
        await expect(alert.getByRole('button', { name: 'Try again' })).toHaveCount(0);
        await signInPage.submit.click();
      } else {
        await alert.getByRole('button', { name: 'Try again' }).click();
      }
      await expect(shell.userMenuButton).toBeVisible();
      await expect(page).toHaveURL('/terminals');
    });

    test(`change × ${fault}`, async ({ page }) => {
      const cell = new FaultCell(page, fault);
      await cell.signedInAt('owner', TERMINAL);
      const controls = new VoidPasswordControls(page);
      await cell.onCall(CHANGE, () => controls.change(FACTORY_DEFAULT, NEW_PIN));

      if (outcome === 'session-ended') {
        await cell.signInAgain('owner', TERMINAL);
        await expect(
          page.getByText(
            `Your session ended, so the change of the void password of terminal ${TID} was not sent.`,
            {
              exact: false,
            },
          ),
        ).toBeVisible();
        return expectCommands(controls, 'Change', 0);
      }
      if (outcome === 'unknown') {
        await expectUnknownThenCheckAgain(controls, 'Change', fault);
        await expect(page.getByText(`Change sent to terminal ${TID}.`)).toBeVisible();
        return expectCommands(controls, 'Change', 1);
      }
      await expectRefusal(controls, outcome);
      // The form stays as typed (PINs only in their fields); nothing was sent.
      await expect(controls.newPin).toHaveValue(NEW_PIN);
      await controls.button('Cancel').click();
      await expectCommands(controls, 'Change', 0);
    });

    test(`reset × ${fault}`, async ({ page }) => {
      const cell = new FaultCell(page, fault);
      // Support: the ticket and the reason are what the user typed that is not a secret.
      await cell.signedInAt('support', TERMINAL);
      const controls = new VoidPasswordControls(page);
      await controls.openReset(DEMO_PASSWORDS.support);
      await controls.fillTicket(TICKET, REASON);
      await cell.onCall(RESET, () => controls.button('Reset the void password').click());

      if (outcome === 'session-ended') {
        // Decision 006: the dialog's draft is not kept across a sign-in; the page is.
        await cell.signInAgain('support', TERMINAL);
        await expect(
          page.getByText(
            `Your session ended, so the reset of the void password of terminal ${TID} was not sent.`,
            {
              exact: false,
            },
          ),
        ).toBeVisible();
        return expectCommands(controls, 'Reset', 0);
      }
      if (outcome === 'unknown') {
        await expectUnknownThenCheckAgain(controls, 'Reset', fault);
        // The one temporary PIN, from the first answer replayed or from the reset done now.
        await expect(
          controls.dialog.getByRole('heading', { name: /^Temporary void password/ }),
        ).toBeVisible();
        await controls.button('I have noted it').click();
        await expect(page.getByText(`Reset sent to terminal ${TID}.`)).toBeVisible();
        return expectCommands(controls, 'Reset', 1);
      }
      await expectRefusal(controls, outcome);
      await expect(controls.ticket).toHaveValue(TICKET);
      await expect(controls.reason).toHaveValue(REASON);
      await controls.button('Cancel').click();
      await expectCommands(controls, 'Reset', 0);
    });

    test(`step-up × ${fault}`, async ({ page }) => {
      const cell = new FaultCell(page, fault);
      await cell.signedInAt('owner', TERMINAL);
      const controls = new VoidPasswordControls(page);
      await controls.resetButton.click();
      await controls.accountPassword.fill(DEMO_PASSWORDS.owner);
      await cell.onCall(STEP_UP, () => controls.button('Confirm').click());
      const confirmed = controls.dialog.getByText(/^Account password confirmed until/);

      if (outcome === 'session-ended') {
        await cell.signInAgain('owner', TERMINAL);
        // Signed in again, the reset asks for the account password anew.
        await controls.resetButton.click();
        await expect(controls.accountPassword).toHaveValue('');
        return;
      }
      const alert = controls.dialog.getByRole('alert');
      await expect(alert).toContainText(says);
      // Not confirmed on an answer we did not get: the password is asked for, never skipped.
      await expect(confirmed).toHaveCount(0);
      if (fault === '429' || fault === '403') {
        await expect(alert.getByRole('button', { name: 'Try again' })).toHaveCount(fault === '403' ? 0 : 1);
        // After a 429 the wait may be long: the password does not sit in the field meanwhile.
        await expect(controls.accountPassword).toHaveValue(fault === '429' ? '' : DEMO_PASSWORDS.owner);
        return;
      }
      // Kept for "Try again" (a password in its own field only), which confirms it.
      await expect(controls.accountPassword).toHaveValue(DEMO_PASSWORDS.owner);
      await alert.getByRole('button', { name: 'Try again' }).click();
      await expect(confirmed).toBeVisible();
    });

    test(`bulk job × ${fault}`, async ({ page }) => {
      const cell = new FaultCell(page, fault);
      await cell.signedInAt('owner', FLEET);
      const fleet = new TerminalsPage(page);
      await expect(fleet.rows).toHaveCount(BULK_COUNT);
      const controls = new VoidPasswordControls(page);
      await controls.prepareBulkReset(BULK_COUNT, DEMO_PASSWORDS.owner, NEW_PIN);
      await cell.onCall(BULK, () => controls.button(`Reset ${BULK_COUNT} terminals`).click());

      if (outcome === 'session-ended') {
        await cell.signInAgain('owner', FLEET);
        await expect(fleet.rows).toHaveCount(BULK_COUNT);
        await expect(fleet.row(TID)).not.toContainText('Reset · Queued');
        return;
      }
      if (outcome === 'unknown') {
        await expect(controls.dialog).toContainText(SAYS.unknownOutcome);
        await expect(page).toHaveURL(FLEET);
        await controls.button('Check again').click();
        await expect(page).toHaveURL(/\/terminals\/bulk-resets\/[\w-]+$/);
        // One job: a second one would find every terminal's reset already waiting, and fail them.
        await expect(
          page.getByText(
            new RegExp(`^So far \\d of ${BULK_COUNT} terminals applied the new void password; 0 failed`),
          ),
        ).toBeVisible();
        return;
      }
      await expectRefusal(controls, outcome);
      await expect(page).toHaveURL(FLEET);
      await expect(controls.newPin).toHaveValue(NEW_PIN);
      await controls.button('Cancel').click();
      await expect(fleet.row(TID)).not.toContainText('Reset · Queued');
    });
  }
});
