import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { expect, test } from './fixtures';
import { AuditPage } from './pages/audit-page';

const MERCHANT_A = '822330154110023';
const OPEN_COMMAND_TID = DEMO_TIDS.openCommand;

test.describe('Audit', () => {
  test("a support agent reads a merchant's audit trail, down to the ticket of a remote reset", async ({
    page,
    signInAs,
  }) => {
    await signInAs('support');
    const audit = new AuditPage(page);
    await audit.goto();
    await expect(audit.rows.first()).toBeVisible();

    await audit.merchant.fill(MERCHANT_A);
    await audit.merchant.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/audit\\?merchantId=${MERCHANT_A}$`));
    for (const row of (await audit.rows.all()).slice(0, 5))
      await expect(row).toContainText(`Merchant ${MERCHANT_A}`);

    await audit.action.selectOption({ label: 'Void password reset requested' });
    await expect(page).toHaveURL(/action=void_password.reset_requested/);
    const reset = audit.rows.filter({ hasText: `Terminal ${OPEN_COMMAND_TID}` });
    await expect(reset).toContainText('Support agent');
    await expect(reset).toContainText('TK-20240611-0387');
    await expect(reset).toContainText('店长遗忘撤销密码');
    await expect(reset).toContainText('Succeeded');

    // The view is a link: reloading (or sharing) it shows the same events.
    await page.reload();
    await expect(audit.rows.filter({ hasText: 'TK-20240611-0387' })).toBeVisible();

    // The ticket number as the merchant reads it out, in any case and spacing.
    await audit.goto();
    await audit.ticket.fill('tk 20240611 0387');
    await audit.ticket.press('Enter');
    await expect(page).toHaveURL(/\/audit\?ticketId=tk\+20240611\+0387$/);
    await expect(audit.rows.first()).toContainText('TK-20240611-0387');
    for (const row of await audit.rows.all()) await expect(row).toContainText('TK-20240611-0387');
  });

  test('a cashier cannot open the audit trail', async ({ page, signInAs }) => {
    await signInAs('cashier');
    await page.goto('/audit');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed');
  });
});
