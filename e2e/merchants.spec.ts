import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { expect, test } from './fixtures';
import { MerchantsPage } from './pages/merchants-page';
import { TerminalPage, TerminalsPage } from './pages/terminals-page';

const MERCHANT_B = '822290158120047';
const MERCHANT_B_NAME = '上海徐汇区味香园餐饮管理有限公司';
const MERCHANT_B_TID = DEMO_TIDS.merchantBCustom;

test.describe('Merchant look-up', () => {
  test('a support agent finds a merchant by MID and their terminal by the SN on its back', async ({
    page,
    signInAs,
    shell,
  }) => {
    await signInAs('support');
    // What the caller reads off the back of their terminal.
    const sn = await page.evaluate(async (tid) => {
      const response = await fetch(`/api/v1/terminals/${tid}`);
      return ((await response.json()) as { sn: string }).sn;
    }, MERCHANT_B_TID);

    await shell.openNavIfCollapsed();
    await shell.navLink('Merchants').click();
    const merchants = new MerchantsPage(page);
    await merchants.find(MERCHANT_B);
    await merchants.result(MERCHANT_B_NAME).click();
    await expect(merchants.heading).toHaveText(MERCHANT_B_NAME);
    await expect(page).toHaveURL(new RegExp(`/merchants/${MERCHANT_B}$`));
    await expect(merchants.stores.getByRole('link').first()).toBeVisible();

    const fleet = new TerminalsPage(page);
    await expect(fleet.rows).toHaveCount(6);
    await fleet.search.fill(sn);
    await expect(fleet.rows).toHaveCount(1);
    await fleet.row(MERCHANT_B_TID).getByRole('link', { name: MERCHANT_B_TID }).click();

    const terminal = new TerminalPage(page);
    await expect(terminal.heading).toHaveText(`Terminal ${MERCHANT_B_TID}`);
    await expect(page.getByText(sn, { exact: true })).toBeVisible();
  });

  test('owners cannot reach merchants, in the menu or by address', async ({ page, signInAs, shell }) => {
    await signInAs('owner');
    await expect(shell.navLink('Merchants')).toHaveCount(0);
    await page.goto(`/merchants/${MERCHANT_B}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed');
    await expect(page.getByText(MERCHANT_B_NAME)).toHaveCount(0);
  });
});
