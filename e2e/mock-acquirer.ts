import { expect, type Page } from '@playwright/test';
import type { z } from 'zod/mini';
import type { MockFaultBody, MockScenario } from '@contract/schemas/mock-control';
import { todayInShanghaiAt } from '../src/testing/shanghai-time';

// The acquirer clock starts at 14:00 Shanghai at every reset (decision 009): CI must not depend on the hour.
// E2E_SHANGHAI_TIME=HH:MM picks another time, E2E_SHANGHAI_TIME=real the real clock.
const SHANGHAI_TIME = process.env.E2E_SHANGHAI_TIME ?? '14:00';

export type Scenario = MockScenario;
export type Fault = z.input<typeof MockFaultBody>;

export type AcquirerBackend = 'mock' | 'http';

/**
 * With the mock the control surface is in the page's service worker, which `page.route` could not see: calls
 * go through the page's fetch.
 */
export class MockAcquirer {
  constructor(
    private readonly page: Page,
    readonly backend: AcquirerBackend = 'mock',
  ) {}

  async ready(): Promise<void> {
    if (this.page.url() === 'about:blank') await this.page.goto('/sign-in');
    if (this.backend === 'mock') {
      await this.page.waitForFunction(() => navigator.serviceWorker?.controller !== null);
    }
  }

  private async post(path: string, body: unknown): Promise<void> {
    await this.ready();
    const send = () =>
      this.page.evaluate(
        async ({ path, body }) => {
          const response = await fetch(path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          });
          return {
            status: response.status,
            fromAcquirer: (response.headers.get('content-type') ?? '').includes('json'),
            text: response.ok ? '' : await response.text(),
          };
        },
        { path, body },
      );
    // A controlling service worker is not yet the mock: until MSW has activated this page, the
    // worker lets requests through to the static server, whose 404 (not JSON: the acquirer
    // answers problem+json) means the call never reached the mock, so it is sent again.
    // Polled from here, not in the page: a test's fake clock (`page.clock`) may hold its timers.
    const notTheMockYet = (answer: { status: number; fromAcquirer: boolean }) =>
      answer.status === 404 && !answer.fromAcquirer;
    let result = await send();
    await expect
      .poll(async () => {
        if (notTheMockYet(result)) result = await send();
        return notTheMockYet(result);
      })
      .toBe(false);
    if (result.status >= 300) throw new Error(`POST ${path} → ${result.status} ${result.text}`);
  }

  reset({ now = defaultNow(), ...options }: { scenario?: Scenario; seed?: string; now?: string } = {}) {
    return this.post('/__mock/reset', { ...options, ...(now && { now }) });
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
  /** The faults the acquirer still holds, with the calls each has left. */
  async faults(): Promise<{ method: string; path: string; remaining: number }[]> {
    await this.ready();
    const state = await this.page.evaluate(async () => (await fetch('/__mock/state')).json());
    return (state as { faults: { method: string; path: string; remaining: number }[] }).faults;
  }
  fault(fault: Fault) {
    return this.post('/__mock/faults', fault);
  }
  clearFaults() {
    return this.post('/__mock/faults/clear', {});
  }
}

/**
 * The browser's clock stays real, and the app drops a sale whose cutoff has passed by it. From 22:00 in
 * Shanghai, today's 23:00 cutoff is near or behind the browser, so the acquirer's day is tomorrow: its
 * clock stays ahead of the browser's, as it is at every other hour (by up to 16 hours).
 */
function defaultNow(): string | undefined {
  if (SHANGHAI_TIME === 'real') return undefined;
  const late = Date.now() >= todayInShanghaiAt('22:00');
  return new Date(todayInShanghaiAt(SHANGHAI_TIME) + (late ? DAY_MS : 0)).toISOString();
}

const DAY_MS = 24 * 60 * 60 * 1000;
