import type { Locator, Page } from '@playwright/test';
import { onScreen } from '../a11y/messages';

export class AppShell {
  readonly nav: Locator;
  readonly main: Locator;
  readonly mockBadge: Locator;
  readonly userMenuButton: Locator;

  constructor(private readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: onScreen('nav.label') });
    this.main = page.getByRole('main');
    this.mockBadge = page.getByText(onScreen('app.mockBadge'));
    this.userMenuButton = page.getByRole('button', { name: onScreen('userMenu.button') });
  }

  navLink(name: string | RegExp) {
    return this.nav.getByRole('link', { name });
  }

  async openNavIfCollapsed() {
    const toggle = this.page.getByRole('button', { name: onScreen('nav.menu') });
    if (await toggle.isVisible()) await toggle.click();
  }

  async openUserMenu() {
    await this.userMenuButton.click();
  }

  async signOut() {
    await this.openUserMenu();
    await this.page.getByRole('button', { name: onScreen('userMenu.signOut') }).click();
    // Signed out once the app is on the sign-in page: going elsewhere before that could cut the
    // sign-out request off and keep the session (shell.spec.ts failed so once in CI).
    await this.page.waitForURL(/\/sign-in/);
  }
}
