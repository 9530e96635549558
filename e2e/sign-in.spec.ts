import { DEMO_PASSWORDS, expect, test } from './fixtures';

test.describe('Signing in', () => {
  test('an owner signs in and lands on the overview; only the mock offers demo accounts and says it is a demo', async ({
    page,
    mock,
    signInPage,
    shell,
  }) => {
    await signInPage.goto();
    if (mock.backend === 'mock') {
      await expect(signInPage.demoAccounts).toContainText('owner');
      await signInPage.demoAccounts.getByRole('button', { name: /owner/ }).first().click();
      await expect(signInPage.username).toHaveValue('owner');
      await signInPage.submit.click();
    } else {
      // A build for a real API carries no demo credentials and no mock badge.
      await expect(signInPage.demoAccounts).toHaveCount(0);
      await signInPage.signIn('owner', DEMO_PASSWORDS.owner);
    }
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    if (mock.backend === 'mock') await expect(shell.mockBadge).toBeVisible();
    else await expect(shell.mockBadge).toHaveCount(0);
  });

  test('a wrong password is explained and the username stays', async ({ mock, signInPage }) => {
    void mock;
    await signInPage.goto();
    await signInPage.signIn('owner', 'not-the-password');
    await expect(signInPage.alert).toContainText(/username or password is wrong/i);
    await expect(signInPage.username).toHaveValue('owner');
    await expect(signInPage.password).toHaveValue('');
  });

  test('after five wrong passwords sign-in is paused and the wait is shown', async ({ mock, signInPage }) => {
    void mock;
    await signInPage.goto();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signInPage.signIn('cashier', `wrong-${attempt}`);
      await expect(signInPage.alert).toContainText(/username or password is wrong/i);
    }
    await signInPage.signIn('cashier', 'wrong-5');
    await expect(signInPage.alert).toContainText(/too many attempts/i);
    await expect(signInPage.alert).toContainText(/\d+\s*s/);
    await expect(signInPage.submit).toBeDisabled();
    // The right password is refused too until the wait is over.
    await signInPage.password.fill(DEMO_PASSWORDS.cashier);
    await expect(signInPage.submit).toBeDisabled();
  });

  test('a deep link asks to sign in first and then opens the page that was asked for', async ({
    page,
    mock,
    signInPage,
  }) => {
    void mock;
    await page.goto('/transactions?voidable=true');
    await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
    await signInPage.signIn('owner', DEMO_PASSWORDS.owner);
    await expect(page).toHaveURL(/\/transactions\?voidable=true$/);
  });

  test('the session survives a reload, and signing out ends it for Back too', async ({
    page,
    signInAs,
    shell,
    signInPage,
  }) => {
    await signInAs('owner');
    await page.reload();
    await expect(shell.nav).toBeVisible();
    await shell.signOut();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goBack();
    await expect(signInPage.username).toBeVisible();
    await expect(shell.nav).toHaveCount(0);
  });

  test('fifteen idle minutes end the session with a message saying why', async ({
    page,
    mock,
    signInAs,
    signInPage,
  }) => {
    await signInAs('owner');
    await mock.advanceClock(16 * 60 * 1000);
    await page.getByRole('link', { name: 'Terminals' }).first().click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(signInPage.alert.or(page.getByRole('status'))).toContainText(/15 minutes/);
  });
});
