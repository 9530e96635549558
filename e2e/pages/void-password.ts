import { expect, type Locator, type Page } from '@playwright/test';
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
    this.changeButton = page.getByRole('button', { name: /^(Change void password|修改撤销消费密码)$/ });
    this.resetButton = page.getByRole('button', {
      name: /^(Reset void password \(forgotten\)|重置撤销消费密码（忘记密码）)$/,
    });
    this.currentPin = this.dialog.getByLabel(/^(Current void password|当前撤销消费密码)$/);
    this.newPin = this.dialog.getByLabel(/^(New void password|新撤销消费密码)$/);
    this.confirmPin = this.dialog.getByLabel(/^(New void password again|再次输入新撤销消费密码)$/);
    this.accountPassword = this.dialog.getByLabel(/^(Your account password|您的账户密码)$/);
    this.ticket = this.dialog.getByLabel(/^(Ticket reference|工单号)$/);
    this.reason = this.dialog.getByLabel(/^(Reason|原因)$/);
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
    await this.button('Send the new void password').click();
  }

  /** Confirms the account password when the dialog asks for it (step-up). */
  async confirmAccountPassword(password: string) {
    await this.accountPassword.fill(password);
    await this.button('Confirm').click();
    await expect(this.dialog.getByText(/^Account password confirmed until/)).toBeVisible();
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
    await page.getByRole('checkbox', { name: `Select all ${count} terminals` }).check();
    await page.getByRole('button', { name: 'Reset void passwords…' }).click();
    await this.button('Continue').click();
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
