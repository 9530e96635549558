import type { Locator, Page } from '@playwright/test';

export class AppShell {
  readonly nav: Locator;
  readonly main: Locator;
  readonly mockBadge: Locator;
  readonly userMenuButton: Locator;

  constructor(private readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: /^(Main|主导航)$/ });
    this.main = page.getByRole('main');
    this.mockBadge = page.getByText(/^(Mock data|模拟数据)$/);
    this.userMenuButton = page.getByRole('button', { name: /account menu|账户菜单/i });
  }

  navLink(name: string | RegExp) {
    return this.nav.getByRole('link', { name });
  }

  /** At phone width the navigation sits behind a menu button. */
  async openNavIfCollapsed() {
    const toggle = this.page.getByRole('button', { name: /^(Menu|菜单)$/ });
    if (await toggle.isVisible()) await toggle.click();
  }

  async openUserMenu() {
    await this.userMenuButton.click();
  }

  async signOut() {
    await this.openUserMenu();
    await this.page.getByRole('button', { name: /^(Sign out|退出登录)$/ }).click();
  }
}
