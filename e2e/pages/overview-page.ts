import { expect, type Locator, type Page } from '@playwright/test';

/** The overview, `/`. */
export class OverviewPage {
  readonly heading: Locator;
  readonly security: Locator;
  readonly money: Locator;
  readonly voidsChart: Locator;
  readonly alerts: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.security = page.getByRole('region', {
      name: /^(Void password security|撤销消费密码（主管密码）安全)$/,
    });
    this.money = page.getByRole('region', { name: /^(Sales you can still void|仍可撤销的交易)$/ });
    this.voidsChart = page.getByRole('figure', { name: /Voids per day|每日撤销笔数/ });
    this.alerts = page.getByRole('region', { name: /^(Risk alerts|风险提醒)$/ });
  }

  async goto() {
    await this.page.goto('/');
    await expect(this.security).toBeVisible();
  }

  /** The alert of a kind, e.g. "Unusual number of voids". */
  alert(kind: string | RegExp) {
    return this.alerts.getByRole('listitem').filter({ hasText: kind });
  }
}
