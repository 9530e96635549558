import { expect, type Locator, type Page } from '@playwright/test';
import { onScreen } from '../a11y/messages';

export class OverviewPage {
  readonly heading: Locator;
  readonly security: Locator;
  readonly money: Locator;
  readonly voidsChart: Locator;
  readonly alerts: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.security = page.getByRole('region', { name: onScreen('overview.security.title') });
    this.money = page.getByRole('region', { name: onScreen('overview.money.title') });
    this.voidsChart = page.getByRole('figure', { name: onScreen('overview.voids.title', { prefix: true }) });
    this.alerts = page.getByRole('region', { name: onScreen('alerts.title') });
  }

  async goto() {
    await this.page.goto('/');
    await expect(this.security).toBeVisible();
  }

  alert(kind: string | RegExp) {
    return this.alerts.getByRole('listitem').filter({ hasText: kind });
  }
}
