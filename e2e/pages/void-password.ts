import { expect, type Locator, type Page } from '@playwright/test';
import { onScreen } from '../a11y/messages';
import { TerminalPage } from './terminals-page';

/**
 * The void-password controls of a terminal page and their dialogs (change, reset with its
 * step-up and temporary PIN, bulk reset), by what a person reads on screen.
 */
export class VoidPasswordControls {
  /** The terminal page around the controls (its panels). */
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

  /** Opens `/terminals/:tid` and waits for it. */
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

  /** Confirms the account password when the dialog asks for it (step-up). */
  async confirmAccountPassword(password: string) {
    await this.accountPassword.fill(password);
    await this.button(onScreen('passwords.stepUp.confirm')).click();
    await expect(this.dialog.getByText(onScreen('passwords.stepUp.confirmedUntil'))).toBeVisible();
  }

  /** Support's ticket reference and reason for a reset. */
  async fillTicket(ticket: string, reason: string) {
    await this.ticket.fill(ticket);
    await this.reason.fill(reason);
  }

  /** The reset dialog opened and the account password confirmed: the reset form is next. */
  async openReset(accountPassword: string) {
    await this.resetButton.click();
    await this.confirmAccountPassword(accountPassword);
  }

  /**
   * From a fleet list showing the terminals to reset: select them all, confirm the count and
   * the account password, and choose the new PIN; "Reset N terminals" is next.
   */
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

  /** The temporary PIN on screen (read digit by digit, as screen readers get it). */
  async temporaryPin(): Promise<string> {
    const spoken = this.dialog.getByText(/^\d( \d){5}$/);
    return ((await spoken.textContent()) ?? '').replaceAll(' ', '');
  }
}
