import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { DEMO_PASSWORDS, expect, test } from './fixtures';
import { OverviewPage } from './pages/overview-page';
import { VoidsPage } from './pages/transactions-page';
import { VoidPasswordControls } from './pages/void-password';
import { collectConsole, expectNoSecretInBrowser } from './secrets-check';
import { CashierAtTerminal, EmulatedTerminal } from './terminal-emulator';

const TID = DEMO_TIDS.custom;
const DEMO_VOID_PASSWORD = '246813';
const NEW_PIN = '907153';

// A real terminal of its own: the emulator as a separate process, on the server's terminal protocol.
test.describe('A terminal on the terminal protocol', { tag: '@http-only' }, () => {
  test('an owner changes a void password; the terminal, a process of its own, applies it at its check-in, and the page follows without a reload', async ({
    page,
    mock,
    signInAs,
    acquirerServer,
  }, testInfo) => {
    void mock;
    const terminal = await EmulatedTerminal.start(acquirerServer!.url, TID, testInfo.outputPath());
    try {
      await terminal.said('checked_in');
      const consoleMessages = collectConsole(page);
      await signInAs('owner');
      const controls = await VoidPasswordControls.openTerminal(page, TID);
      await expect(page.getByText('Activated · checks in every 10 s')).toBeVisible();
      await expect(page.getByText(/^Next check-in expected about \d\d:\d\d$/)).toBeVisible();

      await controls.changeButton.click();
      await controls.currentPin.fill(DEMO_VOID_PASSWORD);
      await controls.newPin.fill(NEW_PIN);
      await controls.confirmPin.fill(NEW_PIN);
      await controls.button('Send the new void password').click();
      await expect(page.getByText(`Change sent to terminal ${TID}.`)).toBeVisible();
      // Nothing simulates this terminal: the change waits for its next check-in (every 10 s).
      await expect(controls.terminal.openCommand).toContainText('Change · Applied', { timeout: 25_000 });
      await expect(controls.terminal.voidPassword).toContainText('Custom');
      expect(await terminal.said('command_applied')).toMatchObject({ tid: TID });
      expect(JSON.stringify(terminal.lines)).not.toContain(NEW_PIN);
      await expectNoSecretInBrowser(page, [DEMO_VOID_PASSWORD, NEW_PIN], consoleMessages);
    } finally {
      expect(await terminal.stop()).toBe(0);
    }
  });

  test('the seed’s story: a reset with a temporary PIN, taken by the terminal, changed there at its first use, then a void with it', async ({
    page,
    mock,
    signInAs,
    acquirerServer,
  }, testInfo) => {
    void mock;
    const tid = DEMO_TIDS.stalePassword;
    const chosenAtTerminal = '583916';
    const cashier = await CashierAtTerminal.start(acquirerServer!.url, tid, testInfo.outputPath());
    try {
      await cashier.expect(/Activated with the acquirer/);
      const consoleMessages = collectConsole(page);
      await signInAs('owner');
      const controls = await VoidPasswordControls.openTerminal(page, tid);
      await controls.openReset(DEMO_PASSWORDS.owner);
      await controls.dialog.getByLabel(/^Generate a temporary one/).check();
      await controls.button('Reset the void password').click();
      const temporaryPin = await controls.temporaryPin();
      expect(temporaryPin).toMatch(/^\d{6}$/);
      await controls.button('I have noted it').click();
      await expect(controls.terminal.openCommand).toContainText('Reset · Queued');

      // The terminal takes it at its check-in; the page follows on its own (the live stream), no reload.
      cashier.type('checkin');
      await cashier.expect(/set a new void password \(\w+\): temporary, it must be changed at its first use/);
      await expect(controls.terminal.openCommand).toContainText('Reset · Applied', { timeout: 10_000 });
      await expect(controls.terminal.voidPassword).toContainText('Temporary');

      cashier.type('sale 88.00 card');
      await cashier.expect(/Sale approved: trace no\. 000001, ¥88\.00, chip card/);
      // The temporary PIN does not void: it must be changed first, and then the void goes on.
      cashier.type('void 000001');
      cashier.type(temporaryPin);
      await cashier.expect(/temporary and must be changed at its first use/);
      cashier.type(chosenAtTerminal);
      cashier.type(chosenAtTerminal);
      await cashier.expect(/accepted the new void password .*; it replaces the temporary one/);
      await cashier.expect(
        /Void approved: sale 000001 \(¥88\.00\) is voided; the void's trace no\. is 000002\./,
      );
      await expect(controls.terminal.voidPassword).toContainText('Custom', { timeout: 10_000 });

      const voids = new VoidsPage(page);
      await voids.goto(`?terminalId=${tid}`);
      await expect(voids.rows.filter({ hasText: '000002' })).toContainText('88.00');

      for (const secret of [temporaryPin, chosenAtTerminal]) expect(cashier.printed).not.toContain(secret);
      await expectNoSecretInBrowser(page, [temporaryPin, chosenAtTerminal], consoleMessages);
    } finally {
      expect(await cashier.stop()).toBe(0);
    }
  });

  test('five wrong void passwords typed at the terminal lock it, and the lockout reaches the overview live', async ({
    page,
    mock,
    signInAs,
    acquirerServer,
  }, testInfo) => {
    void mock;
    const tid = DEMO_TIDS.unused;
    const cashier = await CashierAtTerminal.start(acquirerServer!.url, tid, testInfo.outputPath());
    try {
      await cashier.expect(/Activated with the acquirer/);
      await signInAs('owner');
      const overview = new OverviewPage(page);
      await overview.goto();
      await expect(overview.security).toContainText('1 Void password locked after wrong attempts');

      cashier.type('checkin');
      await cashier.expect(/Checked in at/);
      cashier.type('sale 12.50');
      await cashier.expect(/Sale approved: trace no\. 000001/);
      for (let attempt = 1; attempt <= 5; attempt++) {
        cashier.type('void 000001');
        cashier.type('999999');
        await cashier.expect(
          attempt < 5 ? /Wrong void password, \d attempts? left\./ : /Locked for 30 minutes/,
        );
      }
      cashier.type('checkin');
      await cashier.expect(/Reported 5 wrong void passwords\./);
      await expect(overview.security).toContainText('2 Void password locked after wrong attempts', {
        timeout: 10_000,
      });
    } finally {
      expect(await cashier.stop()).toBe(0);
    }
  });
});
