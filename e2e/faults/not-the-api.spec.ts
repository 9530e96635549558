import { DEMO_PASSWORDS, expect, test } from '../fixtures';
import { VoidPasswordControls } from '../pages/void-password';

const OFFLINE_TID = '58100104';
// The page re-reads itself every 30 s, or every 5 minutes while the live stream is open (it is here).
const PAST_A_REFRESH_MS = 5 * 60_000 + 1_000;
const UNAVAILABLE = 'The service is not available right now. Try again in a moment.';

test.describe('An answer that is not the API’s', () => {
  test('a 404 page in front of the API reads as "unavailable": the terminal page keeps the temporary PIN on screen', async ({
    page,
    mock,
    signInAs,
  }) => {
    // The page's own timers: its re-read and the queries' retry delays are moved past.
    await page.clock.install();
    await signInAs('owner');
    const controls = await VoidPasswordControls.openTerminal(page, OFFLINE_TID);
    await controls.resetButton.click();
    await controls.confirmAccountPassword(DEMO_PASSWORDS.owner);
    await controls.dialog.getByLabel(/^Generate a temporary one/).check();
    await controls.button('Reset the void password').click();
    await expect(controls.dialog.getByRole('heading', { name: /^Temporary void password/ })).toBeFocused();
    const pin = await controls.temporaryPin();
    expect(pin).toMatch(/^\d{6}$/);

    // What a proxy that lost its route answers, or the static server once the mock's worker is gone.
    await mock.fault({
      method: 'GET',
      path: `/terminals/${OFFLINE_TID}*`,
      status: 404,
      malformed: true,
      times: 50,
    });
    const notTheApi = page.waitForResponse(
      (r) => r.url().includes(`/api/v1/terminals/${OFFLINE_TID}`) && r.status() === 404,
    );
    await page.clock.fastForward(PAST_A_REFRESH_MS);
    await notTheApi;
    for (let i = 0; i < 4; i++) await page.clock.fastForward(5_000);

    await expect(controls.dialog.getByText(/^\d( \d){5}$/)).toHaveText(pin.split('').join(' '));
    await expect(page.getByText('Terminal not found')).toHaveCount(0);
    await controls.button('I have noted it').click();
    await expect(page.getByText(`Reset sent to terminal ${OFFLINE_TID}.`)).toBeVisible();
    await expect(controls.terminal.heading).toHaveText(`Terminal ${OFFLINE_TID}`);
    // The terminal and its command history each say so, over what they last showed.
    const notices = page.getByRole('alert').filter({ hasText: UNAVAILABLE });
    await expect(notices.first()).toBeVisible();
    await expect(controls.terminal.openCommand).toContainText('Reset · Queued');

    // Back once the API answers again, at the next re-read.
    await mock.clearFaults();
    await page.clock.fastForward(PAST_A_REFRESH_MS);
    await expect(notices).toHaveCount(0);
    await expect(controls.terminal.openCommand).toContainText('Reset · Queued');
  });

  test('a terminal page opened while the API answers a 404 page says the service is unavailable, not "not found"', async ({
    page,
    mock,
    signInAs,
  }) => {
    await page.clock.install();
    await signInAs('owner');
    await mock.fault({
      method: 'GET',
      path: `/terminals/${OFFLINE_TID}*`,
      status: 404,
      malformed: true,
      times: 50,
    });
    await page.goto(`/terminals/${OFFLINE_TID}`);
    for (let i = 0; i < 4; i++) await page.clock.fastForward(5_000);
    await expect(page.getByText(UNAVAILABLE)).toBeVisible();
    await expect(page.getByText('Terminal not found')).toHaveCount(0);
  });
});
