import type { Page } from '@playwright/test';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { DEMO_PASSWORDS, type DemoRole, expect, test } from '../fixtures';
import type { SignInPage } from '../pages/sign-in-page';
import { VoidPasswordControls } from '../pages/void-password';
import { announcement, tabTo } from './keyboard';

const FACTORY_DEFAULT_TID = DEMO_TIDS.defaultPassword;
const OFFLINE_TID = DEMO_TIDS.offline;
const FACTORY_DEFAULT = '123456';
const NEW_PIN = '907153';

async function signInByKeyboard(page: Page, signInPage: SignInPage, role: DemoRole) {
  await signInPage.goto();
  await tabTo(page, signInPage.username, { max: 10 });
  await page.keyboard.type(role);
  await page.keyboard.press('Tab');
  await expect(signInPage.password).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORDS[role]);
  await page.keyboard.press('Enter');
}

test.describe('Keyboard only', { tag: '@mock-only' }, () => {
  test('an owner changes a void password with the keyboard alone, and focus returns to Change each time the dialog closes', async ({
    page,
    mock,
    signInPage,
  }) => {
    void mock;
    const controls = new VoidPasswordControls(page);
    await signInByKeyboard(page, signInPage, 'owner');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

    // The first Tab reaches the skip link; it jumps over the header and navigation.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();

    // Navigation: back to the nav, open Terminals; focus moves to the new page's content.
    await tabTo(
      page,
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Terminals' }),
      {
        backwards: true,
      },
    );
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Terminals' })).toBeVisible();
    await expect(page.getByRole('main')).toBeFocused();
    await tabTo(page, page.getByRole('link', { name: FACTORY_DEFAULT_TID, exact: true }));
    await page.keyboard.press('Enter');
    await expect(controls.terminal.heading).toHaveText(`Terminal ${FACTORY_DEFAULT_TID}`);
    await expect(page.getByRole('main')).toBeFocused();

    // Open with Enter, close with Escape: focus is back on Change.
    await tabTo(page, controls.changeButton);
    await page.keyboard.press('Enter');
    await expect(controls.dialog).toBeVisible();
    await expect(controls.currentPin).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(controls.dialog).toBeHidden();
    await expect(controls.changeButton).toBeFocused();

    // Open with Space, close with Cancel: focus is back on Change.
    await page.keyboard.press('Space');
    await expect(controls.currentPin).toBeFocused();
    await tabTo(page, controls.button('Cancel'), { max: 8 });
    await page.keyboard.press('Enter');
    await expect(controls.dialog).toBeHidden();
    await expect(controls.changeButton).toBeFocused();

    // The whole form, one stop at a time: each PIN field is followed by its Show button.
    await page.keyboard.press('Enter');
    await expect(controls.currentPin).toBeFocused();
    // Sending it empty: the errors are announced and the focus goes to the first field.
    await page.keyboard.press('Enter');
    await expect(controls.currentPin).toBeFocused();
    await expect(
      announcement(controls.dialog, 'Enter the void password the terminal asks for now.'),
    ).toBeVisible();
    await expect(controls.currentPin).toHaveAttribute('aria-invalid', 'true');
    await expect(controls.currentPin).toHaveAccessibleDescription(
      'Enter the void password the terminal asks for now.',
    );
    await page.keyboard.type(FACTORY_DEFAULT);
    await page.keyboard.press('Tab');
    await expect(controls.button(/^Show Current void password$/)).toBeFocused();
    await page.keyboard.press('Space');
    await expect(controls.currentPin).toHaveAttribute('type', 'text');
    await expect(controls.button(/^Hide Current void password$/)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(controls.newPin).toBeFocused();
    await page.keyboard.type('111111');
    await expect(announcement(controls.dialog, 'Not the same digit six times, like 888888.')).toBeVisible();
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('Backspace');
    await page.keyboard.type(NEW_PIN);
    await expect(announcement(controls.dialog, /^Meets the rules/)).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(controls.button(/^Show New void password$/)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(controls.confirmPin).toBeFocused();
    await page.keyboard.type(NEW_PIN);
    await page.keyboard.press('Tab');
    await expect(controls.button(/^Show New void password again$/)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(controls.button('Cancel')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(controls.button('Send the new void password')).toBeFocused();
    await page.keyboard.press('Enter');

    // Sent: the dialog closes, the outcome is announced, focus is back on Change.
    await expect(controls.dialog).toBeHidden();
    await expect(announcement(page, `Change sent to terminal ${FACTORY_DEFAULT_TID}.`)).toBeVisible();
    await expect(controls.changeButton).toBeFocused();
  });

  test('support resets a void password with the keyboard alone: step-up, ticket, the temporary PIN copied and noted', async ({
    page,
    context,
    mock,
    signInPage,
  }) => {
    void mock;
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const controls = new VoidPasswordControls(page);
    await signInByKeyboard(page, signInPage, 'support');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

    await page.goto(`/terminals/${OFFLINE_TID}`);
    await expect(controls.terminal.heading).toHaveText(`Terminal ${OFFLINE_TID}`);
    await expect(controls.changeButton).toHaveCount(0);
    await tabTo(page, controls.resetButton);

    // Step-up first: the dialog starts at the account password; Escape gives the focus back.
    await page.keyboard.press('Enter');
    await expect(controls.accountPassword).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(controls.dialog).toBeHidden();
    await expect(controls.resetButton).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(controls.accountPassword).toBeFocused();
    await page.keyboard.type('not-my-password');
    await page.keyboard.press('Enter');
    await expect(announcement(controls.dialog, 'The password is incorrect.')).toBeVisible();
    await expect(controls.accountPassword).toBeFocused();
    await expect(controls.accountPassword).toHaveValue('');
    await page.keyboard.type(DEMO_PASSWORDS.support);
    await page.keyboard.press('Enter');

    // The reset form replaces the step-up: reading starts at its title.
    await expect(
      controls.dialog.getByRole('heading', { name: `Reset the void password of terminal ${OFFLINE_TID}` }),
    ).toBeFocused();
    await expect(controls.dialog).toContainText(/^.*Account password confirmed until/);
    await page.keyboard.press('Tab');
    await expect(controls.button("Export this terminal's sales (CSV)")).toBeFocused();
    // The choice is a radio group: one Tab stop, arrows move within it.
    await page.keyboard.press('Tab');
    const temporary = controls.dialog.getByRole('radio', { name: /^Generate a temporary one/ });
    const choose = controls.dialog.getByRole('radio', { name: 'Choose it now' });
    await expect(temporary).toBeFocused();
    await expect(temporary).toBeChecked();
    await page.keyboard.press('ArrowUp');
    await expect(choose).toBeFocused();
    await expect(choose).toBeChecked();
    await expect(controls.newPin).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(temporary).toBeChecked();
    await expect(controls.newPin).toHaveCount(0);
    await page.keyboard.press('Tab');
    await expect(controls.ticket).toBeFocused();
    await page.keyboard.type('INC-7731');
    await page.keyboard.press('Tab');
    await expect(controls.reason).toBeFocused();
    await page.keyboard.type('Owner called: nobody at the store knows the PIN.');
    await page.keyboard.press('Tab');
    await expect(controls.button('Cancel')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(controls.button('Reset the void password')).toBeFocused();
    await page.keyboard.press('Enter');

    // The temporary PIN: its title has the focus; Copy, announced; then "I have noted it".
    const pinTitle = controls.dialog.getByRole('heading', {
      name: `Temporary void password for terminal ${OFFLINE_TID}`,
    });
    await expect(pinTitle).toBeFocused();
    const pin = await controls.temporaryPin();
    expect(pin).toMatch(/^\d{6}$/);
    await page.keyboard.press('Tab');
    await expect(controls.button('Copy')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(
      announcement(controls.dialog, 'Copied. The clipboard is emptied when you close this.'),
    ).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(pin);
    // Escape does not throw the PIN away.
    await page.keyboard.press('Escape');
    await expect(pinTitle).toBeVisible();
    await tabTo(page, controls.button('I have noted it'), { max: 4 });
    await page.keyboard.press('Enter');

    await expect(controls.dialog).toBeHidden();
    await expect(announcement(page, `Reset sent to terminal ${OFFLINE_TID}.`)).toBeVisible();
    await expect(controls.resetButton).toBeFocused();
  });
});
