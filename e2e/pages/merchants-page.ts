import { expect, type Locator, type Page } from '@playwright/test';
import { onScreen } from '../a11y/messages';

export class MerchantsPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly results: Locator;
  readonly stores: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.search = page.getByRole('searchbox', { name: onScreen('support.search.label') });
    this.results = page.getByRole('list', { name: onScreen('support.search.results') });
    this.stores = page.getByRole('region', { name: /^\d+ (stores?|家门店)$/ });
  }

  async goto(search = '') {
    await this.page.goto(`/merchants${search}`);
    await expect(this.search).toBeVisible();
  }

  async find(text: string) {
    await this.search.fill(text);
    await this.search.press('Enter');
    await expect(this.results).toBeVisible();
  }

  result(name: string) {
    return this.results.getByRole('link', { name, exact: true });
  }
}
