import type { Locator, Page } from '@playwright/test';
import { onScreen } from '../a11y/messages';

export class SignInPage {
  readonly heading: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;
  readonly demoAccounts: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.username = page.getByLabel(onScreen('signIn.username'));
    this.password = page.getByLabel(onScreen('signIn.password'));
    this.submit = page.getByRole('button', { name: onScreen('signIn.submit') });
    this.alert = page.getByRole('alert');
    this.demoAccounts = page.getByRole('region', { name: onScreen('signIn.demoTitle') });
  }

  async goto(path = '/sign-in') {
    await this.page.goto(path);
    await this.username.waitFor();
  }

  async signIn(username: string, password: string) {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
