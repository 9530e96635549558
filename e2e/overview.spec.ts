import { expect, test } from './fixtures';
import { OverviewPage } from './pages/overview-page';

test.describe('Overview', () => {
  test("an owner sees the fleet's security and the money still voidable at a glance, and acts on the factory password", async ({
    page,
    signInAs,
  }) => {
    await signInAs('owner');
    const overview = new OverviewPage(page);
    await overview.goto();
    await expect(overview.security).toContainText('4 On the factory void password 123456');
    await expect(overview.security).toContainText('1 Void password locked after wrong attempts');
    await expect(overview.money).toContainText(/¥[\d,.]+\d+ card sales?, voidable at the terminal/);
    await expect(overview.money.getByRole('timer')).toHaveText(/left$/);

    // The chart says it in words and, on request, in a table.
    await expect(overview.voidsChart).toContainText(/voids? worth ¥[\d,.]+ in the last 14 days; the most on/);
    await overview.voidsChart.getByText('Show the numbers as a table').click();
    await expect(overview.voidsChart.getByRole('table').getByRole('row')).toHaveCount(15);

    await overview.security.getByRole('link', { name: /^4 On the factory void password 123456/ }).click();
    await expect(page).toHaveURL(/\/terminals\?passwordState=default$/);
  });
});
