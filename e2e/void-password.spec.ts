import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { DEMO_PASSWORDS, expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { TerminalsPage } from './pages/terminals-page';
import { VoidPasswordControls } from './pages/void-password';
import { collectConsole, expectNoSecretInBrowser } from './secrets-check';

const CUSTOM_TID = DEMO_TIDS.custom;
const OFFLINE_TID = DEMO_TIDS.offline;
const OPEN_COMMAND_TID = DEMO_TIDS.openCommand;
const DEMO_VOID_PASSWORD = '246813';
const FACTORY_DEFAULT = '123456';
const NEW_PIN = '907153';
/** A terminal checks in every 30 s (simulated): past that, a queued command is picked up. */
const PAST_A_HEARTBEAT_MS = 31_000;

test.describe('Void password', () => {
  test('an owner changes a terminal’s void password and watches the terminal apply it', async ({
    page,
    mock,
    signInAs,
  }) => {
    const consoleMessages = collectConsole(page);
    await signInAs('owner');
    const controls = await VoidPasswordControls.openTerminal(page, CUSTOM_TID);
    const { terminal } = controls;
    await controls.changeButton.click();
    await expect(controls.dialog).toBeVisible();
    await expect(controls.currentPin).toBeFocused();
    await expect(controls.newPin).toHaveAttribute('inputmode', 'numeric');
    await expect(controls.newPin).toHaveAttribute('autocomplete', 'new-password');

    await controls.newPin.fill('123456');
    await expect(controls.dialog).toContainText('Not the factory default 123456.');
    await controls.newPin.fill('258036');
    await expect(controls.dialog).toContainText('Meets the rules.');
    await expectNoSeriousA11yViolations(page, 'the change dialog');

    await controls.currentPin.fill(DEMO_VOID_PASSWORD);
    await controls.newPin.fill(NEW_PIN);
    await controls.confirmPin.fill(NEW_PIN);
    await controls.button('Send the new void password').click();

    await expect(controls.dialog).toBeHidden();
    await expect(page.getByText(`Change sent to terminal ${CUSTOM_TID}.`)).toBeVisible();
    await expect(controls.changeButton).toBeFocused();
    // Queued (or applied already, if its 30-second check-in fell just now).
    await expect(terminal.openCommand).toContainText(/Change · (Queued|Applied)/);

    // The terminal checks in: the page follows it to "applied" by itself.
    await mock.advanceClock(PAST_A_HEARTBEAT_MS);
    await expect(terminal.openCommand).toContainText('Change · Applied', { timeout: 20_000 });
    await expect(terminal.voidPassword).toContainText('Custom');

    await expectNoSecretInBrowser(page, [DEMO_VOID_PASSWORD, NEW_PIN], consoleMessages);
  });

  test('an owner resets a forgotten void password with a temporary PIN, shown once', async ({
    page,
    context,
    signInAs,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const consoleMessages = collectConsole(page);
    await signInAs('owner');
    const controls = await VoidPasswordControls.openTerminal(page, OFFLINE_TID);
    await controls.resetButton.click();

    await expect(controls.accountPassword).toHaveAttribute('autocomplete', 'current-password');
    await expectNoSeriousA11yViolations(page, 'the step-up dialog');
    await controls.accountPassword.fill('wrong-password');
    await controls.button('Confirm').click();
    await expect(controls.dialog).toContainText('The password is incorrect.');
    const stepUp = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/step-up') && r.ok());
    await controls.confirmAccountPassword(DEMO_PASSWORDS.owner);
    const { stepUpToken } = (await (await stepUp).json()) as { stepUpToken: string };

    await expect(controls.button("Export this terminal's sales (CSV)")).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the reset dialog');
    await controls.dialog.getByLabel(/^Generate a temporary one/).check();
    await controls.button('Reset the void password').click();

    await expect(controls.dialog.getByRole('heading', { name: /^Temporary void password/ })).toBeFocused();
    await expect(controls.dialog).toContainText(
      'The terminal is offline: it takes this PIN when it next connects.',
    );
    await expect(controls.dialog).toContainText(/If the terminal has not taken it by .+, the reset lapses/);
    await expect(controls.dialog).toContainText('Give it to the person at the terminal.');
    const pin = await controls.temporaryPin();
    expect(pin).toMatch(/^\d{6}$/);
    await expectNoSeriousA11yViolations(page, 'the temporary PIN');
    await controls.button('Copy').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(pin);
    // Escape does not hide it by accident; "I have noted it" does, for good.
    await page.keyboard.press('Escape');
    await expect(controls.dialog).toBeVisible();
    await controls.button('I have noted it').click();
    await expect(controls.dialog).toBeHidden();
    await expect(page.getByText(`Reset sent to terminal ${OFFLINE_TID}.`)).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('');
    await expect(controls.terminal.openCommand).toContainText('Reset · Queued');

    await expectNoSecretInBrowser(page, [pin, DEMO_PASSWORDS.owner, stepUpToken], consoleMessages);
    // Reloading shows the command, never the PIN again.
    await page.reload();
    await expect(controls.terminal.openCommand).toContainText('Reset');
    await expect(page.getByText(pin)).toHaveCount(0);
  });

  test('support resets a merchant’s void password with a ticket and a reason, and the audit trail shows both', async ({
    page,
    signInAs,
  }) => {
    const consoleMessages = collectConsole(page);
    await signInAs('support');
    const controls = await VoidPasswordControls.openTerminal(page, CUSTOM_TID);
    await expect(controls.changeButton).toHaveCount(0);
    await controls.resetButton.click();
    await controls.confirmAccountPassword(DEMO_PASSWORDS.support);
    await controls.dialog.getByLabel(/^Choose it now$/).check();
    await controls.chooseNewPin(NEW_PIN);
    await controls.button('Reset the void password').click();
    await expect(controls.ticket).toHaveAccessibleDescription('Enter the ticket reference of this request.');
    await expectNoSeriousA11yViolations(page, 'the support reset dialog with errors');

    await controls.ticket.fill('INC-20418');
    await controls.reason.fill('Owner called: the store manager who knew the PIN has left.');
    await controls.button('Reset the void password').click();
    await expect(controls.dialog).toBeHidden();
    await expect(page.getByText(`Reset sent to terminal ${CUSTOM_TID}.`)).toBeVisible();
    await expectNoSecretInBrowser(page, [NEW_PIN, DEMO_PASSWORDS.support], consoleMessages);

    const audit = new AuditPage(page);
    await audit.goto(`?terminalId=${CUSTOM_TID}&action=void_password.reset_requested`);
    const row = audit.rows.filter({ hasText: 'INC-20418' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Owner called: the store manager who knew the PIN has left.');
  });

  test('an offline terminal keeps its old void password until it connects, then applies the change', async ({
    page,
    mock,
    signInAs,
  }) => {
    const consoleMessages = collectConsole(page);
    await signInAs('owner');
    const controls = await VoidPasswordControls.openTerminal(page, OFFLINE_TID);
    const { terminal } = controls;
    await controls.change(FACTORY_DEFAULT, NEW_PIN);
    await expect(controls.dialog).toBeHidden();
    await expect(terminal.voidPassword).toContainText(
      'The terminal is offline: its old void password stays active until it next connects.',
    );
    await expect(
      terminal.voidPassword.getByRole('button', { name: 'Cancel the waiting Change' }),
    ).toBeVisible();
    await expect(terminal.openCommand).toContainText('Change · Queued');

    await mock.setConnectivity(OFFLINE_TID, true);
    await mock.advanceClock(PAST_A_HEARTBEAT_MS);
    await expect(terminal.openCommand).toContainText('Change · Applied', { timeout: 20_000 });
    await expect(terminal.voidPassword).toContainText('Custom');
    await expect(terminal.voidPassword.getByRole('button', { name: /^Cancel the waiting/ })).toHaveCount(0);
    await expectNoSecretInBrowser(page, [NEW_PIN], consoleMessages);
  });

  test('a second command while one waits is refused with the waiting one shown, which can be cancelled', async ({
    page,
    signInAs,
  }) => {
    await signInAs('owner');
    const controls = await VoidPasswordControls.openTerminal(page, OPEN_COMMAND_TID);
    await controls.changeButton.click();
    await expect(controls.dialog).toContainText('already has a command waiting');
    await expect(controls.dialog).toContainText(/Reset · Queued, requested by/);
    await expectNoSeriousA11yViolations(page, 'the open-command refusal');
    await controls.button('Cancel the waiting Reset').click();
    await expect(controls.currentPin).toBeVisible();
    await expect(controls.terminal.openCommand).toContainText('Reset · Cancelled');
  });

  test('a send without a clear answer is shown as not known yet, and checking again never makes two commands', async ({
    page,
    mock,
    signInAs,
  }) => {
    await signInAs('owner');
    const controls = await VoidPasswordControls.openTerminal(page, OFFLINE_TID);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/void-password/change'))
        sent.push(request.headers()['idempotency-key'] ?? '');
    });
    // A 503 may come after the work was done: its outcome is unknown. (A dropped connection
    // would do too, but Chromium silently resends a POST whose reused socket was reset.)
    await mock.fault({ method: 'POST', path: '/terminals/*/void-password/change', status: 503 });
    await controls.change(FACTORY_DEFAULT, NEW_PIN);

    await expect(controls.dialog).toContainText("We don't know yet whether it went through");
    await expect(controls.dialog).toContainText('The terminal shows no command waiting.');
    await expect(page.getByText(/^Change sent to terminal/)).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, 'the unknown-outcome dialog');
    await controls.button('Check again').click();
    await expect(controls.dialog).toBeHidden();
    await expect(page.getByText(`Change sent to terminal ${OFFLINE_TID}.`)).toBeVisible();
    const history = controls.terminal.history;
    await expect(history.getByText('Change · Queued')).toHaveCount(1);
    // Both sends were the same user action: one idempotency key.
    expect(new Set(sent.filter(Boolean)).size).toBe(1);
  });

  test('five wrong current PINs lock the void password, and the dialog says until when', async ({
    page,
    signInAs,
  }) => {
    const consoleMessages = collectConsole(page);
    await signInAs('owner');
    const controls = await VoidPasswordControls.openTerminal(page, CUSTOM_TID);
    const wrong = '135790';
    await controls.change(wrong, NEW_PIN);
    for (const left of [4, 3, 2]) {
      await expect(controls.currentPin).toHaveAccessibleDescription(
        `The current void password is wrong. ${left} attempts left; then it locks for 30 minutes, and cashiers cannot void sales at the terminal until then.`,
      );
      // From the first wrong try, the way out that does not guess.
      await expect(controls.button('Reset instead (forgotten)')).toBeVisible();
      await expect(controls.currentPin).toHaveValue('');
      await controls.currentPin.fill(wrong);
      await controls.button('Send the new void password').click();
    }
    await expect(controls.currentPin).toHaveAccessibleDescription(
      'The current void password is wrong. 1 more wrong attempt locks it for 30 minutes, and cashiers cannot void sales at the terminal until then.',
    );
    await controls.currentPin.fill(wrong);
    await controls.button('Send the new void password').click();

    await expect(controls.dialog).toContainText(/locked after 5 wrong attempts, until \d\d:\d\d:\d\d/);
    await expectNoSeriousA11yViolations(page, 'the locked dialog');
    await controls.button('Close').click();
    await expect(controls.terminal.voidPassword).toContainText(/Locked · .+ left/);
    await expectNoSecretInBrowser(page, [wrong, NEW_PIN], consoleMessages);
  });

  test('an owner resets every terminal still on the factory password in one job, follows each to applied, and it survives a reload', async ({
    page,
    mock,
    signInAs,
  }) => {
    const consoleMessages = collectConsole(page);
    await signInAs('owner');
    const fleet = new TerminalsPage(page);
    await fleet.goto('?passwordState=default');
    await expect(fleet.rows).toHaveCount(4);
    await page.getByRole('checkbox', { name: 'Select all 4 terminals' }).check();
    await page.getByRole('button', { name: 'Reset void passwords…' }).click();

    const controls = new VoidPasswordControls(page);
    await expect(controls.dialog.getByRole('heading')).toHaveText('Reset the void passwords of 4 terminals');
    await expectNoSeriousA11yViolations(page, 'the bulk reset confirmation');
    await controls.button('Continue').click();
    await controls.confirmAccountPassword(DEMO_PASSWORDS.owner);
    await controls.chooseNewPin(NEW_PIN);
    await expectNoSeriousA11yViolations(page, 'the bulk reset form');
    await controls.button('Reset 4 terminals').click();

    await expect(page).toHaveURL(/\/terminals\/bulk-resets\/[\w-]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bulk void-password reset');
    const results = page.getByRole('table', { name: 'Terminals' });
    await expect(results.getByRole('row')).toHaveCount(5);
    // Queued is not done: until they check in, the terminals take the old PIN.
    await expect(
      page.getByText(/^So far \d of 4 terminals applied the new void password; 0 failed/),
    ).toBeVisible();
    await mock.advanceClock(PAST_A_HEARTBEAT_MS);
    const status =
      'So far 3 of 4 terminals applied the new void password; 0 failed, 1 still waiting for the terminal.';
    await expect(page.getByText(status)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('progressbar', { name: 'Terminals done' })).toHaveAttribute('value', '3');
    await expect(page.getByText('1 terminal still accepts the old void password:')).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: OFFLINE_TID })).toHaveText(
      `${OFFLINE_TID}: offline, it still accepts the old void password until it connects.`,
    );
    await expect(results.getByRole('row').filter({ hasText: OFFLINE_TID })).toContainText(
      'Waiting: offline, it still accepts the old void password until it connects.',
    );
    await expect(
      results.getByRole('row').filter({ hasText: /Applied .+: the new void password is in effect/ }),
    ).toHaveCount(3);
    await expectNoSeriousA11yViolations(page, 'the bulk reset job');
    await expectNoSecretInBrowser(page, [NEW_PIN, DEMO_PASSWORDS.owner], consoleMessages);

    const jobUrl = page.url();
    await page.reload();
    await expect(page).toHaveURL(jobUrl);
    await expect(page.getByText(status)).toBeVisible();

    // Back in the list: the offline one still has the factory password, its reset waiting
    // (the online ones may have taken theirs already, at their next check-in).
    await fleet.goto('?passwordState=default');
    await expect(fleet.row(OFFLINE_TID)).toContainText('Reset · Queued');
  });

  test('on a phone, the change dialog fits and stays usable by keyboard', async ({ page, signInAs }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signInAs('owner');
    const controls = await VoidPasswordControls.openTerminal(page, CUSTOM_TID);
    await controls.changeButton.click();
    await expect(controls.currentPin).toBeFocused();
    const box = await controls.dialog.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(360);
    await page.keyboard.type(DEMO_VOID_PASSWORD);
    await page.keyboard.press('Tab'); // Show
    await page.keyboard.press('Tab');
    await expect(controls.newPin).toBeFocused();
    await expectNoSeriousA11yViolations(page, 'the change dialog at 360px');
    await page.keyboard.press('Escape');
    await expect(controls.dialog).toBeHidden();
    await expect(controls.changeButton).toBeFocused();
  });

  test('on a 390 px phone, "Change sent to terminal …" shows below the sticky header, with the button in view', async ({
    page,
    signInAs,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs('owner');
    const controls = await VoidPasswordControls.openTerminal(page, CUSTOM_TID);
    const header = page.getByRole('banner');
    const headerBottom = async () => (await header.boundingBox())!.height;
    // Scrolled as far as a thumb would: the button just below the header.
    const belowHeader = await headerBottom();
    await controls.changeButton.evaluate((button, top) => {
      window.scrollBy(0, button.getBoundingClientRect().top - top - 4);
    }, belowHeader);
    await controls.change(DEMO_VOID_PASSWORD, NEW_PIN);
    await expect(controls.dialog).toBeHidden();

    const sent = page.getByText(`Change sent to terminal ${CUSTOM_TID}.`);
    await expect(sent).toBeVisible();
    await expect(controls.changeButton).toBeFocused();
    // The re-read adds the waiting command between the confirmation and the button.
    await expect(page.getByRole('button', { name: 'Cancel the waiting Change' })).toBeVisible();
    expect((await sent.boundingBox())!.y, 'the confirmation is below the header').toBeGreaterThanOrEqual(
      await headerBottom(),
    );
    const button = (await controls.changeButton.boundingBox())!;
    expect(button.y + button.height).toBeLessThanOrEqual(844);
  });

  test('a cashier sees the terminal but nothing of its void password, and no controls', async ({
    page,
    signInAs,
  }) => {
    await signInAs('cashier');
    const controls = await VoidPasswordControls.openTerminal(page, CUSTOM_TID);
    await expect(controls.terminal.status).toBeVisible();
    await expect(controls.terminal.voidPassword).toHaveCount(0);
    await expect(controls.changeButton).toHaveCount(0);
    await expect(controls.resetButton).toHaveCount(0);
  });
});
