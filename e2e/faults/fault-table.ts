import { expect, type Page, type Request } from '@playwright/test';
import { DEFAULT_TIMEOUT_MS } from '../../src/api/client';
import { DEMO_PASSWORDS, type DemoRole } from '../fixtures';
import { type Fault, MockAcquirer } from '../mock-acquirer';
import { SignInPage } from '../pages/sign-in-page';

/** The words a person reads for each fault (en). */
export const SAYS = {
  network: 'We could not reach the server. Check your connection and try again.',
  server: 'The server had a problem. Try again in a moment.',
  timeout: 'The server took too long to answer. Try again.',
  malformed: "The server sent an answer we couldn't read. Try again; if it keeps happening, contact support.",
  rateLimited: /Too many requests, try again in \d s/,
  forbidden: "Your role is not allowed to do this. If you need it, ask the merchant's owner or support.",
  /** The mock's 409 and 412 carry `version.conflict`. */
  conflict: 'This was changed in the meantime, so nothing was done. Check the latest state, then try again.',
  unknownOutcome: "We don't know yet whether it went through",
  sessionEnded: 'Your session has ended. Please sign in again. You will come back to where you were.',
} as const;

/**
 * What a fault means for a mutation: no clear answer (it may have been done — never shown
 * as success), or a definite refusal of one kind.
 */
export type MutationOutcome = 'unknown' | 'rate-limited' | 'session-ended' | 'forbidden' | 'conflict';

interface FaultRow {
  /** The `/__mock/faults` body. */
  body: Omit<Fault, 'method' | 'path' | 'times'>;
  mutation: MutationOutcome;
  /** What an error notice says (a 401 sends the user to sign in, which says this). */
  says: string | RegExp;
}

/**
 * The faults of the matrix (docs/fault-matrix.md). A status, network or malformed fault
 * answers instead of the acquirer: the request is never applied. `hung` lets the acquirer
 * apply the request and holds the answer back for 10 minutes: the "done, but the answer never
 * came" case, which the client gives up on after its timeout.
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
  /** After the API base, `*` for one path segment, e.g. `/terminals/*\/void-password/change`. */
  path: string;
}

const API_BASE = '/api/v1';

/** An API call of the app to `target` (not a page's own URL, e.g. the document `/terminals`). */
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

/** `/sign-in?returnTo=…`, as the app writes it. */
function signInPathTo(place: string): string {
  return place === '/' ? '/sign-in' : `/sign-in?${new URLSearchParams({ returnTo: place }).toString()}`;
}

/**
 * One cell of the matrix in one browser page: signs in on the way to the page under test
 * (one page load: a fresh browser context starts the mock acquirer on the demo data, so no
 * reset is needed), arms the fault for the next call(s) to a target and runs the user's
 * action that makes the call. For `hung`, the page's fake clock jumps past the client's
 * timeout once the request has left, instead of waiting 20 s for it.
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

  /** Moves the page's clock past a wait the app shows (e.g. a 429's Retry-After). */
  async passWait(ms: number): Promise<void> {
    await this.page.clock.fastForward(ms);
  }

  /**
   * The sign-in page on the way to `place`. Faults that make the app wait (a hung request,
   * a query's retry delays, a 429's Retry-After) get the page's fake clock from the start, so
   * a test moves past the wait instead of sleeping through it; time runs on as usual otherwise.
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

  /** Signed in and at `place`. */
  async signedInAt(role: DemoRole, place: string): Promise<void> {
    await this.openSignIn(place);
    await this.signIn(role);
    await expect(this.page).toHaveURL(place);
  }

  /** After a 401: the sign-in page says why; signed in again, the user is back at `place`. */
  async signInAgain(role: DemoRole, place: string): Promise<void> {
    await expect(this.page).toHaveURL(signInPathTo(place));
    await expect(this.page.getByRole('status').filter({ hasText: SAYS.sessionEnded })).toBeVisible();
    await this.signIn(role);
    await expect(this.page).toHaveURL(place);
  }

  /** Calls to `target` from now on. */
  countCalls(target: FaultTarget): () => number {
    let count = 0;
    this.page.on('request', (request) => {
      if (isCallTo(target, request)) count++;
    });
    return () => count;
  }

  /** A call made once (a mutation, a download): the fault answers it. */
  async onCall(
    target: FaultTarget,
    action: () => Promise<void>,
    { timeoutMs = DEFAULT_TIMEOUT_MS }: { timeoutMs?: number } = {},
  ): Promise<void> {
    await this.inject(target, 1, timeoutMs, action);
  }

  /** A query's read: faults that a query retries on its own hit every attempt, so the user sees them. */
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
    const nextCall = () => this.page.waitForRequest((request) => isCallTo(target, request));
    let sent = nextCall();
    await action();
    for (let attempt = 1; ; attempt++) {
      await sent;
      if (this.fault === 'hung') await this.page.clock.fastForward(timeoutMs);
      if (attempt === times) return;
      sent = nextCall();
      await this.fastForwardUntil(sent);
    }
  }

  /**
   * Moves the page's clock on in small steps until `call` is made: past a query's retry delay
   * (1 s, then 2 s), whenever the page has set it, with no real waiting.
   */
  private async fastForwardUntil(call: Promise<Request>): Promise<void> {
    let made = false;
    void call.then(() => (made = true));
    for (let step = 0; !made && step < MAX_RETRY_STEPS; step++) await this.page.clock.fastForward(250);
    await call;
  }
}
