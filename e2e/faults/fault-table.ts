import { expect, type Page, type Request } from '@playwright/test';
import { DEFAULT_TIMEOUT_MS } from '../../src/api/client';
import { DEMO_PASSWORDS, type DemoRole } from '../fixtures';
import { type Fault, MockAcquirer } from '../mock-acquirer';
import { SignInPage } from '../pages/sign-in-page';

export const SAYS = {
  network: 'We could not reach the server. Check your connection and try again.',
  server: 'The server had a problem. Try again in a moment.',
  timeout: 'The server took too long to answer. Try again.',
  malformed: "The server sent an answer we couldn't read. Try again; if it keeps happening, contact support.",
  rateLimited: /Too many requests, try again in \d s/,
  forbidden: "Your role is not allowed to do this. If you need it, ask the merchant's owner or support.",
  conflict: 'This was changed in the meantime, so nothing was done. Check the latest state, then try again.',
  unknownOutcome: "We don't know yet whether it went through",
  sessionEnded: 'Your session has ended. Please sign in again. You will come back to where you were.',
} as const;

/** A mutation with no clear answer may have been done: never shown as success. */
export type MutationOutcome = 'unknown' | 'rate-limited' | 'session-ended' | 'forbidden' | 'conflict';

interface FaultRow {
  body: Omit<Fault, 'method' | 'path' | 'times'>;
  mutation: MutationOutcome;
  /** A 401 sends the user to sign in, which says this. */
  says: string | RegExp;
}

/**
 * `hung` lets the acquirer apply the request and holds the answer back; the others answer instead of it
 * (docs/fault-matrix.md).
 */
export const FAULTS = {
  network: { body: { networkError: true }, mutation: 'unknown', says: SAYS.network },
  '500': { body: { status: 500 }, mutation: 'unknown', says: SAYS.server },
  '503': { body: { status: 503 }, mutation: 'unknown', says: SAYS.server },
  '429': { body: { status: 429 }, mutation: 'rate-limited', says: SAYS.rateLimited },
  '401': { body: { status: 401 }, mutation: 'session-ended', says: SAYS.sessionEnded },
  '403': { body: { status: 403 }, mutation: 'forbidden', says: SAYS.forbidden },
  '409': { body: { status: 409 }, mutation: 'conflict', says: SAYS.conflict },
  '412': { body: { status: 412 }, mutation: 'conflict', says: SAYS.conflict },
  hung: { body: { delayMs: 600_000 }, mutation: 'unknown', says: SAYS.timeout },
  malformed: { body: { malformed: true }, mutation: 'unknown', says: SAYS.malformed },
} as const satisfies Record<string, FaultRow>;

export type FaultName = keyof typeof FAULTS;
export const FAULT_NAMES = Object.keys(FAULTS) as FaultName[];

/** Faults a read query retries on its own (twice), so they are injected for all three attempts. */
export function isRetriedByQueries(fault: FaultName): boolean {
  return fault === 'network' || fault === '500' || fault === '503' || fault === 'hung';
}
export const READ_ATTEMPTS = 3;
/** Steps of 250 ms of the fake clock before a retry is left to real time (10 s). */
const MAX_RETRY_STEPS = 40;

export interface FaultTarget {
  method: 'GET' | 'POST';
  path: string;
}

const API_BASE = '/api/v1';

function isCallTo(target: FaultTarget, request: Request): boolean {
  if (request.method() !== target.method) return false;
  const { pathname } = new URL(request.url());
  if (!pathname.startsWith(`${API_BASE}/`)) return false;
  const pattern = new RegExp(`^${target.path.split('*').map(escapeRegExp).join('[^/]+')}$`);
  return pattern.test(pathname.slice(API_BASE.length));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

function signInPathTo(place: string): string {
  return place === '/' ? '/sign-in' : `/sign-in?${new URLSearchParams({ returnTo: place }).toString()}`;
}

/**
 * A fresh browser context starts the mock on the demo data, so no reset is needed; `hung` jumps the fake
 * clock past the client timeout.
 */
export class FaultCell {
  readonly mock: MockAcquirer;
  readonly signInPage: SignInPage;

  private readonly waits: boolean;

  constructor(
    private readonly page: Page,
    readonly fault: FaultName,
  ) {
    this.mock = new MockAcquirer(page);
    this.signInPage = new SignInPage(page);
    this.waits = fault === '429' || isRetriedByQueries(fault);
  }

  async passWait(ms: number): Promise<void> {
    await this.page.clock.fastForward(ms);
  }

  /**
   * Faults that make the app wait get the fake clock from the start, so a test moves past the wait instead of
   * sleeping.
   */
  async openSignIn(place: string): Promise<void> {
    if (this.waits) await this.page.clock.install();
    // The app mounts once the mock acquirer answers: then faults can be set.
    await this.signInPage.goto(signInPathTo(place));
    await this.mock.ready();
  }

  signIn(role: DemoRole): Promise<void> {
    return this.signInPage.signIn(role, DEMO_PASSWORDS[role]);
  }

  async signedInAt(role: DemoRole, place: string): Promise<void> {
    await this.openSignIn(place);
    await this.signIn(role);
    await expect(this.page).toHaveURL(place);
  }

  async signInAgain(role: DemoRole, place: string): Promise<void> {
    await expect(this.page).toHaveURL(signInPathTo(place));
    await expect(this.page.getByRole('status').filter({ hasText: SAYS.sessionEnded })).toBeVisible();
    await this.signIn(role);
    await expect(this.page).toHaveURL(place);
  }

  countCalls(target: FaultTarget): () => number {
    let count = 0;
    this.page.on('request', (request) => {
      if (isCallTo(target, request)) count++;
    });
    return () => count;
  }

  async onCall(
    target: FaultTarget,
    action: () => Promise<void>,
    { timeoutMs = DEFAULT_TIMEOUT_MS }: { timeoutMs?: number } = {},
  ): Promise<void> {
    await this.inject(target, 1, timeoutMs, action);
  }

  /** Faults a query retries on its own hit every attempt, so the user sees them. */
  async onQuery(target: FaultTarget, action: () => Promise<void>): Promise<void> {
    await this.inject(target, isRetriedByQueries(this.fault) ? READ_ATTEMPTS : 1, DEFAULT_TIMEOUT_MS, action);
  }

  private async inject(
    target: FaultTarget,
    times: number,
    timeoutMs: number,
    action: () => Promise<void>,
  ): Promise<void> {
    await this.mock.fault({ ...target, ...FAULTS[this.fault].body, times });
    if (!this.waits || this.fault === '429') return action();
    // Counted by a listener that stays, not awaited one request at a time: on a busy machine a retry can
    // be sent before a fresh wait for it is registered, and would be missed.
    const calls = this.countCalls(target);
    const made = (count: number) => expect.poll(calls).toBeGreaterThanOrEqual(count);
    await action();
    // Held calls left, as the acquirer counts them.
    const left = async () =>
      (await this.mock.faults())
        .filter((f) => f.method === target.method && f.path === target.path)
        .reduce((sum, f) => sum + f.remaining, 0);
    for (let attempt = 1; ; attempt++) {
      await made(attempt);
      if (this.fault === 'hung') {
        // Only once the acquirer holds this call: timed out before it arrived, a call never takes the
        // fault, which would then hold the user's own retry.
        await expect.poll(left).toBeLessThanOrEqual(times - attempt);
        await this.page.clock.fastForward(timeoutMs);
      }
      if (attempt === times) return;
      // Past the client's back-off, a quarter second at a time, until it tries again.
      for (let step = 0; calls() <= attempt && step < MAX_RETRY_STEPS; step++) {
        await this.page.clock.fastForward(250);
      }
    }
  }
}
