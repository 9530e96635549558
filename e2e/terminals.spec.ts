import { DEMO_TIDS } from '@acquirer/data/demo-fixtures';
import { DEMO_PASSWORDS, expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { OverviewPage } from './pages/overview-page';
import { TerminalPage, TerminalsPage } from './pages/terminals-page';

const FACTORY_DEFAULT_TID = DEMO_TIDS.defaultPassword;
const OPEN_COMMAND_TID = DEMO_TIDS.openCommand;
const STALE_PASSWORD_TID = DEMO_TIDS.stalePassword;

test.describe('Terminals', () => {
  test('an owner finds the terminals still on the factory password and opens one to fix it', async ({
    page,
    signInAs,
    shell,
  }) => {
    await signInAs('owner');
    await shell.openNavIfCollapsed();
    await shell.navLink('Terminals').click();
    const fleet = new TerminalsPage(page);
    await expect(fleet.table).toBeVisible();
    await expect(fleet.countsLine()).toContainText('12 terminals, 4 on the factory password');

    await fleet.countsLine().getByRole('button', { name: '4 on the factory password' }).click();
    await expect(page).toHaveURL(/\/terminals\?passwordState=default$/);
    await expect(fleet.rows).toHaveCount(4);
    for (const row of await fleet.rows.all()) await expect(row).toContainText('Factory default');
    await expect(fleet.voidPassword).toHaveValue('default');

    await fleet.row(FACTORY_DEFAULT_TID).getByRole('link', { name: FACTORY_DEFAULT_TID }).click();
    const terminal = new TerminalPage(page);
    await expect(terminal.heading).toHaveText(`Terminal ${FACTORY_DEFAULT_TID}`);
    await expect(terminal.voidPassword).toContainText('Factory default');
    await expect(terminal.voidPassword).toContainText('still uses the factory void password 123456');
    await expect(terminal.status.getByRole('timer')).toContainText(/Closes in .+/);
    await expect(terminal.voidableSales).toHaveAttribute(
      'href',
      `/transactions?terminalId=${FACTORY_DEFAULT_TID}&voidable=true`,
    );

    // A deep link survives a reload; Back returns to the filtered list.
    await page.reload();
    await expect(terminal.heading).toHaveText(`Terminal ${FACTORY_DEFAULT_TID}`);
    await page.goBack();
    await expect(page).toHaveURL(/\/terminals\?passwordState=default$/);
    await expect(fleet.rows).toHaveCount(4);
  });

  test('an owner follows the overview’s counts to the terminals with an old password and those with a change waiting', async ({
    page,
    signInAs,
  }) => {
    await signInAs('owner');
    const overview = new OverviewPage(page);
    await overview.goto();
    await overview.security
      .getByRole('link', { name: /^1 Void password unchanged for over 90 days/ })
      .click();
    await expect(page).toHaveURL(/\/terminals\?passwordAge=stale$/);
    const fleet = new TerminalsPage(page);
    await expect(fleet.rows).toHaveCount(1);
    await expect(fleet.row(STALE_PASSWORD_TID)).toContainText('Custom');
    await expect(fleet.passwordAge).toHaveValue('stale');
    await expect(fleet.row(STALE_PASSWORD_TID)).toContainText(/Changed \d+ (days|months) ago/);

    // The 90-day alert opens the same list, not all terminals.
    await overview.goto();
    await overview.alert('Void password not changed for a long time').getByRole('link').click();
    await expect(page).toHaveURL(/\/terminals\?passwordAge=stale$/);
    await expect(fleet.rows).toHaveCount(1);

    await overview.goto();
    await overview.security
      .getByRole('link', { name: /^1 Password changes? waiting for the terminal/ })
      .click();
    await expect(page).toHaveURL(/\/terminals\?command=open$/);
    await expect(fleet.rows).toHaveCount(1);
    await expect(fleet.row(OPEN_COMMAND_TID)).toContainText('Reset · Queued');
    await expect(fleet.command).toHaveValue('open');

    // Oldest password first: the four never changed, then the stale one.
    await fleet.command.selectOption('');
    await fleet.sort.selectOption('passwordChangedAt');
    await expect(page).toHaveURL(/\/terminals\?sort=passwordChangedAt$/);
    await expect(fleet.rows.nth(4)).toContainText(STALE_PASSWORD_TID);
  });

  test('search and sort live in the URL, so a shared link shows the same view', async ({
    page,
    signInAs,
  }) => {
    await signInAs('owner');
    const fleet = new TerminalsPage(page);
    await fleet.goto();
    await fleet.search.fill('0101');
    await expect(page).toHaveURL(/\?q=0101$/);
    await expect(fleet.rows).toHaveCount(1);

    await fleet.goto('?status=offline&sort=-tid');
    await expect(fleet.rows).toHaveCount(2);
    await expect(fleet.rows.first()).toContainText(OPEN_COMMAND_TID);
    await expect(fleet.connectivity).toHaveValue('offline');
    await expect(fleet.sort).toHaveValue('-tid');
  });

  test('the large fleet scrolls to its last terminal with a bounded number of rows on the page', async ({
    page,
    mock,
    signInPage,
  }) => {
    test.setTimeout(180_000);
    await mock.reset({ scenario: 'large' });
    // Straight to the fleet by a deep link: support's overview of the whole large world is not what
    // this test is about (on the server it reads ~20,000 of today's sales: docs/performance.md).
    const fleet = new TerminalsPage(page);
    await page.goto('/terminals');
    await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
    await signInPage.signIn('support', DEMO_PASSWORDS.support);
    await expect(page).toHaveURL(/\/terminals$/);
    // The first page of 10,000+ terminals takes a while on a busy machine.
    await expect(fleet.rows.first()).toBeVisible({ timeout: 60_000 });
    const [, total] = /of ([\d,]+)/.exec((await fleet.shown.textContent()) ?? '') ?? [];
    expect(Number(total?.replaceAll(',', ''))).toBeGreaterThanOrEqual(10_000);

    await fleet.scrollToEnd({ maxRowsInDom: 60 });

    await expect(fleet.shown).toHaveText(`Showing ${total} of ${total}`);
    const lastRowIndex = Number(total!.replaceAll(',', '')) + 1; // the header is row 1
    const lastRow = fleet.table.locator(`[role="row"][aria-rowindex="${lastRowIndex}"]`);
    await expect(lastRow).toBeVisible();
    // Scrolled into the window's view, not merely rendered somewhere.
    const rowBox = await lastRow.boundingBox();
    expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(page.viewportSize()!.height + 1);
    expect(rowBox!.y).toBeGreaterThanOrEqual(0);
    expect(await fleet.rows.count()).toBeLessThanOrEqual(60);
  });

  test('on a 1366×768 laptop the page scrolls the fleet list, which fills the screen below the header', async ({
    page,
    mock,
    signInAs,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await mock.reset({ scenario: 'large' });
    await signInAs('support');
    const fleet = new TerminalsPage(page);
    await page.goto('/terminals');
    // The first page of 10,000+ terminals takes a while on a busy machine.
    await expect(fleet.rows.first()).toBeVisible({ timeout: 60_000 });

    // A wheel over the list, as a person scrolls: the page moves, no box inside the table does.
    await fleet.rows.first().hover();
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(500); // the wheel's smooth scroll settles
    const inView = await fleet.rowsInView();
    test.info().annotations.push({
      type: 'rows wholly in view at 1366×768 after a wheel over the list',
      description: `${inView.rows}; page scrolled ${await page.evaluate(() => window.scrollY)} px; inner box scrolled: ${inView.innerBoxScrolled}`,
    });
    expect(inView.innerBoxScrolled).toBe(false);
    // Rows fill the screen from the header down to its bottom edge (one may be cut at each).
    const headerHeight = (await page.getByRole('banner').boundingBox())!.height;
    expect(inView.coverTop).toBeLessThanOrEqual(headerHeight + 1);
    expect(inView.coverBottom).toBeGreaterThanOrEqual(768 - 1);
    expect(inView.rows).toBeGreaterThanOrEqual(8);

    // The keyboard still walks the rows, and the focused row stays on screen below the header.
    await fleet.rows.first().focus();
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowDown');
    const focused = page.locator('[role="row"]:focus');
    await expect(focused).toHaveAttribute('aria-rowindex', '17');
    const box = (await focused.boundingBox())!;
    const headerBottom = (await page.getByRole('banner').boundingBox())!.height;
    expect(box.y).toBeGreaterThanOrEqual(headerBottom - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(768 + 1);
    await page.keyboard.press('Home');
    await expect(focused).toHaveAttribute('aria-rowindex', '2');
    const first = (await focused.boundingBox())!;
    expect(first.y).toBeGreaterThanOrEqual(headerBottom - 1);
  });

  test('the list exports the current filter as a CSV file', async ({ page, signInAs }) => {
    await signInAs('owner');
    const fleet = new TerminalsPage(page);
    await fleet.goto('?passwordState=default');
    const download = page.waitForEvent('download');
    await fleet.exportButton.click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^terminals-\d{8}\.csv$/);
    await expect(page.getByText(/^Saved terminals-\d{8}\.csv/)).toBeVisible();
  });

  test('another merchant’s terminal is not found', async ({ page, signInAs }) => {
    await signInAs('owner');
    await page.goto(`/terminals/${DEMO_TIDS.merchantBCustom}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Terminal not found');
  });
});

test.describe('Terminals accessibility', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    test(`the fleet list and a terminal page have no serious axe violation at ${viewport.width}px`, async ({
      page,
      signInAs,
    }) => {
      await page.setViewportSize(viewport);
      await signInAs('owner');
      const fleet = new TerminalsPage(page);
      await fleet.goto();
      await expect(fleet.rows.first()).toBeVisible();
      // At phone width a row is a card that still shows TID, store and void-password state.
      const row = fleet.row(FACTORY_DEFAULT_TID);
      await expect(row.getByRole('link', { name: FACTORY_DEFAULT_TID })).toBeVisible();
      await expect(row.getByText('Factory default')).toBeVisible();
      await expect(row.getByText(/悦来便利店/)).toBeVisible();
      await fleet.row(FACTORY_DEFAULT_TID).getByRole('checkbox').check();
      if (viewport.width < 1024) {
        // On a phone the filters fold behind one button.
        await expect(fleet.connectivity).toBeHidden();
        await page.getByRole('button', { name: 'Filters' }).click();
        await expect(fleet.connectivity).toBeVisible();
      }
      await expectNoSeriousA11yViolations(page, `terminals at ${viewport.width}px`);

      await page.goto(`/terminals/${OPEN_COMMAND_TID}`);
      const terminal = new TerminalPage(page);
      await expect(terminal.openCommand).toContainText('Reset · Queued');
      await expect(terminal.history).toContainText('Reset');
      await expectNoSeriousA11yViolations(page, `terminal page at ${viewport.width}px`);
    });
  }
});
