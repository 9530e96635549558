import { expect, expectNoSeriousA11yViolations, test } from './fixtures';
import { TerminalPage, TerminalsPage } from './pages/terminals-page';

// Decision 024: an owner schedules a firmware update from the terminal page, or for selected terminals.
test.describe('Firmware updates', () => {
  test('on a phone, an owner schedules the update of an outdated terminal with the keyboard, and sees it queued', async ({
    page,
    signInAs,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signInAs('owner');
    await page.goto('/terminals?firmware=outdated');
    const fleet = new TerminalsPage(page);
    const link = fleet.rows.first().getByRole('link', { name: /^\d{8}$/ });
    const tid = (await link.textContent())!.trim();
    await link.click();
    const terminal = new TerminalPage(page);
    await expect(terminal.heading).toHaveText(`Terminal ${tid}`);
    const identity = page.getByRole('region', { name: 'Terminal', exact: true });
    await expect(identity).toContainText(/Update available: \S+/);

    const schedule = identity.getByRole('button', { name: 'Schedule the update' });
    await schedule.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Update the firmware of ${tid}?` });
    await expect(dialog).toContainText(/goes from \S+ to \S+\. It installs the update at its next check-in/);
    await expectNoSeriousA11yViolations(page, 'the confirmation at 360px', { include: 'dialog[open]' });
    // The confirm button has the focus: Enter schedules.
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(identity).toContainText(
      /Update to \S+ scheduled\. The terminal installs it at its next check-in\./,
    );
    await expect(terminal.openCommand).toContainText('Firmware update · Queued');
    await expectNoSeriousA11yViolations(page, 'the terminal page with a firmware update queued at 360px');
  });

  test('an owner updates the firmware of selected terminals and reads how many were scheduled', async ({
    page,
    signInAs,
  }) => {
    await signInAs('owner');
    await page.goto('/terminals?firmware=outdated');
    const fleet = new TerminalsPage(page);
    await expect(fleet.rows.first()).toBeVisible();
    await fleet.rows.nth(0).getByRole('checkbox').check();
    await fleet.rows.nth(1).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Update firmware' }).click();
    await expect(
      page.getByRole('dialog', { name: 'Update the firmware of 2 selected terminals?' }),
    ).toBeVisible();
    // Named by its title, which becomes the summary's.
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Schedule the updates' }).click();
    await expect(dialog).toHaveAccessibleName('Firmware updates');
    await expect(dialog).toContainText('2 scheduled');
    await expect(dialog).toContainText('0 already current');
    await expect(dialog).toContainText('0 busy with a command');
    await expectNoSeriousA11yViolations(page, 'the bulk summary', { include: 'dialog[open]' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByText(/selected/)).toBeHidden();
  });
});
