import { expect, type Locator, type Page } from '@playwright/test';
import { onScreen } from '../a11y/messages';
import { TerminalPage } from './terminals-page';

export class VoidPasswordControls {
  readonly terminal: TerminalPage;
  readonly dialog: Locator;
  readonly changeButton: Locator;
  readonly resetButton: Locator;
  readonly currentPin: Locator;
  readonly newPin: Locator;
  readonly confirmPin: Locator;
  readonly accountPassword: Locator;
  readonly ticket: Locator;
  readonly reason: Locator;

  static async openTerminal(page: Page, tid: string): Promise<VoidPasswordControls> {
    await page.goto(`/terminals/${tid}`);
    const controls = new VoidPasswordControls(page);
    await expect(controls.terminal.heading).toHaveText(`Terminal ${tid}`);
    return controls;
  }

  constructor(page: Page) {
    this.terminal = new TerminalPage(page);
    this.dialog = page.getByRole('dialog');
    this.changeButton = page.getByRole('button', { name: onScreen('passwords.actions.change') });
    this.resetButton = page.getByRole('button', {
      name: onScreen('passwords.actions.reset'),
    });
    this.currentPin = this.dialog.getByLabel(onScreen('passwords.fields.current.label'));
    this.newPin = this.dialog.getByLabel(onScreen('passwords.fields.newPin.label'));
    this.confirmPin = this.dialog.getByLabel(onScreen('passwords.fields.confirm.label'));
    this.accountPassword = this.dialog.getByLabel(onScreen('passwords.stepUp.password'));
    this.ticket = this.dialog.getByLabel(onScreen('passwords.ticket.id'));
    this.reason = this.dialog.getByLabel(onScreen('passwords.ticket.reason'));
  }

  button(name: string | RegExp) {
    return this.dialog.getByRole('button', { name });
  }

  async change(current: string, next: string) {
    await this.changeButton.click();
    await expect(this.dialog).toBeVisible();
    await this.currentPin.fill(current);
    await this.newPin.fill(next);
    await this.confirmPin.fill(next);
    await this.button(onScreen('passwords.change.submit')).click();
  }

  async confirmAccountPassword(password: string) {
    await this.accountPassword.fill(password);
    await this.button(onScreen('passwords.stepUp.confirm')).click();
    await expect(this.dialog.getByText(onScreen('passwords.stepUp.confirmedUntil'))).toBeVisible();
  }

  async fillTicket(ticket: string, reason: string) {
    await this.ticket.fill(ticket);
    await this.reason.fill(reason);
  }

  async openReset(accountPassword: string) {
    await this.resetButton.click();
    await this.confirmAccountPassword(accountPassword);
  }

  async prepareBulkReset(count: number, accountPassword: string, pin: string) {
    const page = this.dialog.page();
    await page
      .getByRole('checkbox', {
        name: onScreen('devices.selection.selectAll', { values: { count, formatted: String(count) } }),
      })
      .check();
    await page.getByRole('button', { name: onScreen('passwords.bulk.button') }).click();
    await this.button(onScreen('passwords.bulk.continue')).click();
    await this.confirmAccountPassword(accountPassword);
    await this.chooseNewPin(pin);
  }

  async chooseNewPin(pin: string) {
    await this.newPin.fill(pin);
    await this.confirmPin.fill(pin);
  }

  async temporaryPin(): Promise<string> {
    const spoken = this.dialog.getByText(/^\d( \d){5}$/);
    return ((await spoken.textContent()) ?? '').replaceAll(' ', '');
  }
}
