import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { DEMO_PASSWORDS, test } from '../fixtures';
import { TransactionsPage } from '../pages/transactions-page';
import { message } from './messages';
import { type Language, scanDialogInEveryLanguageAndWidth, scanInEveryLanguageAndWidth } from './scan-matrix';

/** docs/accessibility.md lists the inventory. */

const MERCHANT_A = '822330154110023';
const TIDS = {
  factoryDefault: DEMO_TIDS.defaultPassword,
  custom: DEMO_TIDS.custom,
  openCommand: DEMO_TIDS.openCommand,
};
const VOIDABLE_SALE = '900101';

function heading(page: Page, language: Language, key: string, values?: Record<string, string>) {
  return page.getByRole('heading', { level: 1, name: message(language, key, values), exact: true });
}

async function expand(button: Locator) {
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) === 'false')
    await button.click();
}

test.describe(
  'Accessibility of every page, in both languages at 1280 and 360 px',
  { tag: '@mock-only' },
  () => {
    // Each test scans 8 to 16 times, about a second each: more than the default 45 s when the machine is busy.
    test.describe.configure({ timeout: 120_000 });

    test('sign-in, refused with its alert and the fields kept', async ({ page, mock, signInPage }) => {
      void mock;
      await signInPage.signIn('owner', 'not-the-password');
      await scanInEveryLanguageAndWidth(page, 'refused sign-in', async (language) => {
        await expect(heading(page, language, 'signIn.title')).toBeVisible();
        await expect(page.getByRole('alert')).toContainText(message(language, 'signIn.invalidCredentials'));
        await expect(page.getByLabel(message(language, 'signIn.username'))).toHaveValue('owner');
      });
    });

    test('overview with the navigation and the account menu open; not found', async ({
      page,
      signInAs,
      shell,
    }) => {
      await signInAs('owner');
      await scanInEveryLanguageAndWidth(page, 'overview', async (language) => {
        await expect(heading(page, language, 'pages.overview.title')).toBeVisible();
        await expect(page.getByRole('region', { name: message(language, 'alerts.title') })).toBeVisible();
        await expand(page.getByRole('button', { name: message(language, 'nav.menu'), exact: true }));
        await expect(shell.nav).toBeVisible();
        await expand(shell.userMenuButton);
        await expect(page.getByRole('button', { name: message(language, 'userMenu.signOut') })).toBeVisible();
      });
      await page.goto('/no-such-page');
      await scanInEveryLanguageAndWidth(page, 'not found', async (language) => {
        await expect(heading(page, language, 'notFound.title')).toBeVisible();
      });
    });

    test('terminals: the list with a selection and the filters open, a failed load, loading', async ({
      page,
      mock,
      signInAs,
    }) => {
      await signInAs('owner');
      await page.goto('/terminals');
      await page.getByRole('checkbox', { name: `Select terminal ${TIDS.factoryDefault}` }).check();
      await scanInEveryLanguageAndWidth(page, 'terminals with a selection', async (language) => {
        await expect(heading(page, language, 'pages.terminals.title')).toBeVisible();
        await expect(page.getByRole('link', { name: TIDS.factoryDefault, exact: true })).toBeVisible();
        // On a phone the filters fold behind a button: scanned open.
        await expand(
          page.getByRole('button', { name: new RegExp(`^${message(language, 'filterPanel.toggle')}`) }),
        );
        await expect(
          page.getByRole('combobox', { name: message(language, 'devices.filters.sort') }),
        ).toBeVisible();
      });

      await mock.fault({ method: 'GET', path: '/terminals', status: 500, times: 10 });
      await page.goto('/terminals');
      await scanInEveryLanguageAndWidth(page, 'terminals failed to load', async (language) => {
        await expect(heading(page, language, 'errorPage.title')).toBeVisible();
        await expect(page.getByRole('button', { name: message(language, 'errorPage.reload') })).toBeVisible();
      });

      // Loading: the list's request hangs. Loaded afresh for each scan, as the client gives up
      // on a request after 20 s (three tries), which four scans on a busy machine can outlast.
      const loading = page.getByRole('status').filter({ hasText: /^(Loading…|正在加载…)$/ });
      await scanInEveryLanguageAndWidth(page, 'terminals loading', async (language) => {
        await mock.clearFaults();
        await mock.fault({ method: 'GET', path: '/terminals', delayMs: 600_000, times: 3 });
        await page.goto('/terminals');
        await expect(loading).toHaveText(message(language, 'app.loading'));
      });

      // The skeleton pulses, unless the system asks for reduced motion.
      const runningAnimations = () => page.evaluate(() => document.getAnimations().length);
      expect(await runningAnimations()).toBeGreaterThan(0);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await expect.poll(runningAnimations).toBe(0);
    });

    test('a terminal on the factory password; one with a command waiting', async ({ page, signInAs }) => {
      await signInAs('owner');
      for (const [state, tid] of [
        ['factory password', TIDS.factoryDefault],
        ['command waiting', TIDS.openCommand],
      ] as const) {
        await page.goto(`/terminals/${tid}`);
        await scanInEveryLanguageAndWidth(page, `terminal, ${state}`, async (language) => {
          await expect(heading(page, language, 'devices.terminal.title', { tid })).toBeVisible();
          await expect(
            page.getByRole('region', { name: message(language, 'devices.voidPassword.title') }),
          ).toBeVisible();
        });
      }
    });

    test('transactions: voidable sales, a sale’s detail, voids done', async ({ page, signInAs }) => {
      await signInAs('owner');
      await page.goto('/transactions');
      await scanInEveryLanguageAndWidth(page, 'voidable sales', async (language) => {
        await expect(heading(page, language, 'pages.transactions.title')).toBeVisible();
        await expect(new TransactionsPage(page).rows.first(), 'the list shows a sale').toBeVisible();
      });
      // Found by its trace number: how far down the list it sits depends on the hour (the
      // demo's open batch grows through the day, newest first).
      await page.goto(`/transactions?q=${VOIDABLE_SALE}`);
      const sale = page.getByRole('row').filter({ hasText: VOIDABLE_SALE });
      await expect(sale).toBeVisible();
      await scanDialogInEveryLanguageAndWidth(page, 'sale detail', {
        open: async (language) => {
          const details = message(language, 'transactions.detailsOfSale', { traceNo: VOIDABLE_SALE });
          await sale.getByRole('button', { name: details }).click();
          await expect(
            page.getByRole('region', { name: message(language, 'transactions.howTo.title') }),
          ).toBeVisible();
        },
        close: async () => {
          await page.keyboard.press('Escape');
          await expect(page.getByRole('dialog')).toBeHidden();
        },
      });
      await page.goto('/transactions/voids');
      await scanInEveryLanguageAndWidth(page, 'voids done', async (language) => {
        await expect(heading(page, language, 'pages.transactions.voidsTitle')).toBeVisible();
        await expect(page.getByRole('table').first()).toBeVisible();
      });
    });

    test('audit trail', async ({ page, signInAs }) => {
      await signInAs('owner');
      await page.goto('/audit');
      await scanInEveryLanguageAndWidth(page, 'audit', async (language) => {
        await expect(heading(page, language, 'pages.audit.title')).toBeVisible();
        await expect(page.getByRole('table').first()).toBeVisible();
      });
    });

    test('support: merchant search with results, a merchant’s page', async ({ page, signInAs }) => {
      await signInAs('support');
      await page.goto(`/merchants?q=${MERCHANT_A.slice(0, 8)}`);
      await scanInEveryLanguageAndWidth(page, 'merchant search', async (language) => {
        await expect(heading(page, language, 'pages.merchants.title')).toBeVisible();
        await expect(page.locator(`main a[href="/merchants/${MERCHANT_A}"]`)).toBeVisible();
      });
      await page.goto(`/merchants/${MERCHANT_A}`);
      await scanInEveryLanguageAndWidth(page, 'merchant page', async () => {
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.getByRole('link', { name: TIDS.factoryDefault, exact: true })).toBeVisible();
      });
    });

    test('a cashier: a terminal without void-password controls, a page their role may not open', async ({
      page,
      signInAs,
    }) => {
      await signInAs('cashier');
      await page.goto(`/terminals/${TIDS.custom}`);
      await scanInEveryLanguageAndWidth(page, 'terminal for a cashier', async (language) => {
        await expect(heading(page, language, 'devices.terminal.title', { tid: TIDS.custom })).toBeVisible();
        await expect(
          page.getByRole('button', { name: message(language, 'passwords.actions.reset') }),
        ).toHaveCount(0);
      });
      await page.goto('/audit');
      await scanInEveryLanguageAndWidth(page, 'not allowed', async (language) => {
        await expect(heading(page, language, 'forbidden.title')).toBeVisible();
      });
    });

    test('a merchant with nothing yet: terminals and sales say what to do', async ({
      page,
      mock,
      signInPage,
      shell,
    }) => {
      await mock.reset({ scenario: 'empty' });
      await signInPage.signIn('owner', DEMO_PASSWORDS.owner);
      await expect(shell.userMenuButton).toBeVisible();
      await page.goto('/terminals');
      await scanInEveryLanguageAndWidth(page, 'no terminals', async (language) => {
        await expect(page.getByText(message(language, 'devices.list.noTerminals.title'))).toBeVisible();
      });
      await page.goto('/transactions');
      await scanInEveryLanguageAndWidth(page, 'no voidable sales', async (language) => {
        await expect(page.getByText(message(language, 'transactions.empty.voidableTitle'))).toBeVisible();
      });
    });
  },
);
