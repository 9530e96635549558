import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { expect, test } from './fixtures';
import { VoidPasswordControls } from './pages/void-password';
import { collectConsole, expectNoSecretInBrowser } from './secrets-check';
import { EmulatedTerminal } from './terminal-emulator';

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
});
