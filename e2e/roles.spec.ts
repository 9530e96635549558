import { expect, test } from './fixtures';
import { OverviewPage } from './pages/overview-page';
import { TerminalPage, TerminalsPage } from './pages/terminals-page';

const FACTORY_DEFAULT_TID = '58100101';
const LOCKED_TID = '58100103';

test.describe('What a cashier sees', () => {
  test('a cashier works through the overview, the terminals and the sales without learning anything of the void password', async ({
    page,
    signInAs,
  }) => {
    await signInAs('cashier');
    const overview = new OverviewPage(page);
    await overview.goto();
    await expect(overview.security).toContainText('2 Offline');
    await expect(overview.money).toBeVisible();
    await expect(overview.alerts.getByRole('listitem').first()).toBeVisible();
    for (const item of await overview.alerts.getByRole('listitem').all()) {
      await expect(item).toContainText('Terminal offline');
    }
    await expect(overview.voidsChart).toHaveCount(0);
    await expect(page.locator('main')).not.toContainText(/123456|factory|locked|90 days|voids/i);

    // A link an owner might share: the cashier's list ignores its void-password filter.
    const fleet = new TerminalsPage(page);
    await fleet.goto('?passwordState=default');
    await expect(fleet.shown).toHaveText(/^Showing 12 of 12\b/);
    await expect(fleet.voidPassword).toHaveCount(0);
    await expect(fleet.passwordAge).toHaveCount(0);
    await expect(fleet.table.getByRole('columnheader')).toHaveText([
      'TID / SN',
      'Model / firmware',
      'Store',
      'Connectivity',
    ]);
    await expect(fleet.table).not.toContainText(/Factory default|Locked|Custom/);

    for (const tid of [FACTORY_DEFAULT_TID, LOCKED_TID]) {
      await page.goto(`/terminals/${tid}`);
      const terminal = new TerminalPage(page);
      await expect(terminal.heading).toHaveText(`Terminal ${tid}`);
      await expect(terminal.status.getByRole('timer')).toContainText(/Closes in .+/);
      await expect(terminal.voidPassword).toHaveCount(0);
      await expect(terminal.history).toHaveCount(0);
      await expect(page.locator('main')).not.toContainText(/123456|factory|wrong attempts|locked/i);
    }

    await page.goto('/transactions');
    const tabs = page.getByRole('navigation', { name: 'Transaction views' });
    await expect(tabs.getByRole('link')).toHaveText(['Voidable now', 'All transactions']);
    await page.goto('/transactions/voids');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed');
    await expect(page.locator('main')).not.toContainText(/burst|Operator \d+/);
  });
});
