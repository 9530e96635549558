import type { Page } from '@playwright/test';
import { NO_STORE, securityHeaders } from '@contract/security-headers';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { expect, test } from './fixtures';
import { TerminalsPage } from './pages/terminals-page';
import { TransactionsPage } from './pages/transactions-page';
import { VoidPasswordControls } from './pages/void-password';

/**
 * An init script runs before the app and is not subject to the CSP; Chromium logs its own "Refused to …"
 * lines too.
 */
function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/^csp-violation |Content Security Policy/.test(text)) violations.push(text);
  });
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const where = `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`;
      console.error(`csp-violation ${event.violatedDirective} ${event.blockedURI} at ${where}`);
    });
  });
  return violations;
}

test('the document and the API answer with the security headers; nothing is stored', async ({
  page,
  mock,
  signInAs,
}) => {
  void mock;
  const expected = securityHeaders();
  const document = await page.goto('/terminals');
  const headers = document!.headers();
  expect(headers['content-security-policy']).toBe(expected['Content-Security-Policy']);
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['cache-control']).toBe(NO_STORE);

  const fleet = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/terminals');
  await signInAs('owner');
  await page.goto('/terminals');
  const api = await fleet;
  expect(api.status()).toBe(200);
  expect(api.headers()['cache-control']).toBe(NO_STORE);
  expect(api.headers()['content-type']).toMatch(/^application\/json/);
});

test('the app runs under the policy: no violation from sign-in through fleet, terminal, transactions and a dialog', async ({
  page,
  mock,
  signInAs,
}) => {
  void mock;
  const violations = collectCspViolations(page);
  await signInAs('owner');
  const fleet = new TerminalsPage(page);
  await fleet.goto();
  await expect(fleet.row(DEMO_TIDS.custom)).toBeVisible();
  await fleet.row(DEMO_TIDS.custom).getByRole('link', { name: DEMO_TIDS.custom }).click();
  const controls = new VoidPasswordControls(page);
  await expect(controls.terminal.heading).toHaveText(`Terminal ${DEMO_TIDS.custom}`);
  await controls.changeButton.click();
  await expect(controls.currentPin).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(controls.dialog).toBeHidden();
  const transactions = new TransactionsPage(page);
  await transactions.goto('?voidable=all');
  await expect(transactions.rows.first()).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  expect(violations).toEqual([]);

  // The check can fail: an injected inline script is refused, reported, and never runs.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    return (window as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.some((v) => v.includes('script-src'))).toBe(true);
});

test('Back after sign-out shows the sign-in page, not the terminal that was open', async ({
  page,
  mock,
  signInAs,
  shell,
  signInPage,
}) => {
  void mock;
  await signInAs('owner');
  const terminal = await VoidPasswordControls.openTerminal(page, DEMO_TIDS.custom);
  await shell.signOut();
  await expect(signInPage.heading).toHaveText('Sign in');

  await page.goBack();
  await expect(signInPage.heading).toHaveText('Sign in');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(terminal.terminal.heading).not.toHaveText(/Terminal/);
  await expect(page.getByText(DEMO_TIDS.custom)).toHaveCount(0);

  // Leaving the app and coming back (the back/forward cache's case) shows no data either.
  await page.goto('about:blank');
  await page.goBack();
  await expect(signInPage.heading).toHaveText('Sign in');
  await page.goBack();
  await expect(signInPage.heading).toHaveText('Sign in');
  await expect(page.getByText(DEMO_TIDS.custom)).toHaveCount(0);
});
