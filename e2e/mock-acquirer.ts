import type { Page } from '@playwright/test';
import type { z } from 'zod';
import type { MockFaultBody, MockScenario } from '../src/api/schemas/mock-control';

export type Scenario = MockScenario;
/** The body of `/__mock/faults`, typed by the same schema the mock validates it with. */
export type Fault = z.input<typeof MockFaultBody>;

/**
 * Drives the mock acquirer's `/__mock/*` control surface (DESIGN §4). The mock runs in
 * the page (MSW service worker), so calls go through the page's own fetch; `page.route`
 * could not see them.
 */
export class MockAcquirer {
  constructor(private readonly page: Page) {}

  /** Loads the app once so the service worker is in control of the page. */
  async ready(): Promise<void> {
    if (this.page.url() === 'about:blank') await this.page.goto('/sign-in');
    await this.page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
  }

  private async post(path: string, body: unknown): Promise<void> {
    await this.ready();
    const result = await this.page.evaluate(
      async ({ path, body }) => {
        const response = await fetch(path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, text: response.ok ? '' : await response.text() };
      },
      { path, body },
    );
    if (result.status >= 300) throw new Error(`POST ${path} → ${result.status} ${result.text}`);
  }

  reset(options: { scenario?: Scenario; seed?: string } = {}) {
    return this.post('/__mock/reset', options);
  }
  advanceClock(ms: number) {
    return this.post('/__mock/clock', { advanceMs: ms });
  }
  setClock(now: string) {
    return this.post('/__mock/clock', { now });
  }
  setConnectivity(tid: string, online: boolean) {
    return this.post(`/__mock/terminals/${tid}/connectivity`, { online });
  }
  setVoidPassword(tid: string, password: string) {
    return this.post(`/__mock/terminals/${tid}/void-password`, { password });
  }
  fault(fault: Fault) {
    return this.post('/__mock/faults', fault);
  }
  clearFaults() {
    return this.post('/__mock/faults/clear', {});
  }
}
