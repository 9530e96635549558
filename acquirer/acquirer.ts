import { API_BASE_PATH, type EndpointName } from '@contract/endpoint-table';
import { ErrorCode } from '@contract/schemas/common';
import { TERMINAL_BASE_PATH } from '@contract/terminal-protocol';
import { type AuditTrail, memoryAuditTrail } from './audit-trail';
import { apiBodyOf, bodyOf } from './body';
import { createSimClock, type SimClock, toHttpDate } from './clock';
import { type HandlerResult, isStreamedText, ReadFirst, type RequestContext } from './context';
import { handleControl } from './control';
import { generateWorld } from './data/generate';
import { takeFault } from './faults';
import { type Fleet, memoryFleet } from './fleet';
import { fastHasher, type SecretHasher } from './hash';
import { HashBook, HashesNeeded } from './hash-book';
import {
  findReplay,
  recordKeyOf,
  rememberResult,
  replayBody,
  requestHashOf,
  requireIdempotencyKey,
} from './idempotency';
import { memoryLedger, type SalesLedger } from './ledger';
import { LedgerBook, LedgerReadsNeeded } from './ledger-book';
import { deriveLiveEvents, type LiveFeed, liveBefore, memoryLiveFeed } from './live-events';
import {
  type RecordStoragePort,
  restoreSnapshot,
  type SharedStoragePort,
  restoreState,
  serializeState,
  type StoragePort,
} from './persistence';
import { codeForStatus, problemBody, SimProblem } from './problem';
import { matchRoute, parseOrReject, queryObject } from './router';
import { routeHandlers } from './routes';
import { isIdle, lookupSession, recordActivity, requireCsrf, requireSession } from './rules/auth';
import { advanceWorld } from './rules/lifecycle';
import type { TerminalSignatures } from './rules/terminal-protocol';
import { createState, emptyChanges, hashUserPasswords, type SimState } from './state';
import { runTerminalRequest } from './terminal-router';
import type { AuditRecord, FaultRecord, Scenario, SimRequest, SimResponse } from './types';
import { requireTerminalVersion } from './views/terminals';

export interface AcquirerOptions {
  scenario?: Scenario;
  seed?: string;
  /** Ignored when `storage` holds a saved state. */
  now?: string | number | Date;
  realNow?: () => number;
  storage?: StoragePort | RecordStoragePort | SharedStoragePort;
  /** A server passes a slow KDF (hash.ts). */
  hasher?: SecretHasher;
  basePath?: string;
  controlPath?: string | null;
  /** Where sales and voids are read; by default the generated world's, in memory (decision 017). */
  ledger?: SalesLedger;
  /** Where the fleet lists read terminals; by default the state's, in memory (decision 018). */
  fleet?: Fleet;
  /**
   * Where the audit trail is read; by default `state.audit`, in memory (decision 017). Events are recorded
   * in `state.audit` either way: a host that reads them elsewhere stores them there (the server's tables).
   */
  auditTrail?: AuditTrail;
  /** Checks terminals' signatures; without it there is no terminal protocol (the browser mock). */
  terminalSignatures?: TerminalSignatures;
  /**
   * Where live events are kept and heard from (decision 023); by default in memory (one process). A shared
   * store's feed has no `publish`: the store writes each run's events with it.
   */
  live?: LiveFeed;
}

export interface Acquirer {
  /** Hashing runs off the event loop; everything else of a request runs in one synchronous step (decision 014). */
  handle(request: SimRequest): Promise<SimResponse>;
  /** Resolves once the accounts' passwords are hashed (after creation and after each reset). */
  ready(): Promise<void>;
  now(): number;
  readonly clock: SimClock;
  readonly state: SimState;
  tick(): void;
  reset(options?: { scenario?: Scenario; seed?: string }): void;
  /** The live events (`GET /events`, decision 023). */
  readonly live: LiveFeed;
  /**
   * Of these sessions (by key), those still on: not signed out, not ended by the idle timeout. Records no
   * activity; on a shared store it reads what the other processes did first. For ending live streams.
   */
  sessionsAlive(keys: readonly string[]): Promise<Set<string>>;
}

export const DEFAULT_SEED = 'merchant-console';

/** Runs of one request (each after computing the hashes the last one asked for) before it answers 503. */
export const MAX_RUNS = 4;

/** A run whose handler reads first (`ReadFirst`: the ledger, the audit trail): the read, then its finish. */
class PendingRead {
  delayMs: number | undefined;
  constructor(
    readonly ctx: RequestContext,
    readonly handler: ReadFirst,
    readonly defaultStatus: number,
  ) {}
}

/** What one request keeps from one run to the next. */
interface RequestCarry {
  hashes: HashBook;
  ledgerReads: LedgerBook;
  temporaryPins: string[];
  run: number;
  fault: FaultRecord | null;
}

function instantOf(value: string | number | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`createAcquirer: invalid now ${String(value)}`);
  return ms;
}

export function createAcquirer(options: AcquirerOptions = {}): Acquirer {
  const basePath = (options.basePath ?? API_BASE_PATH).replace(/\/+$/, '');
  const controlPath = options.controlPath === undefined ? '/__mock' : options.controlPath;
  const hasher = options.hasher ?? fastHasher;
  const loaded = options.storage?.load() ?? null;
  const restored =
    typeof loaded === 'string' ? restoreState(loaded, hasher) : restoreSnapshot(loaded, hasher);
  const clock = createSimClock({ realNow: options.realNow, offsetMs: restored?.clockOffsetMs });
  const start = instantOf(options.now);
  if (!restored && start !== undefined) clock.set(start);
  let state: SimState =
    restored?.state ??
    createState(
      generateWorld({
        scenario: options.scenario ?? 'demo',
        seed: options.seed ?? DEFAULT_SEED,
        now: clock.now(),
      }),
      hasher,
    );

  let usersHashed = hashUserPasswords(state);
  const ledger = options.ledger ?? memoryLedger(() => state.world);
  const fleet = options.fleet ?? memoryFleet(() => state);
  const auditTrail = options.auditTrail ?? memoryAuditTrail(() => state.audit);
  const live = options.live ?? memoryLiveFeed({ realNow: options.realNow });

  const acquirer: Acquirer = {
    async handle(request) {
      const carry: RequestCarry = {
        hashes: new HashBook(hasher),
        ledgerReads: new LedgerBook(ledger),
        temporaryPins: [],
        run: 0,
        fault: null,
      };
      for (;;) {
        // Again before each run: a reset (control surface) may have come in meanwhile.
        await usersHashed;
        carry.run++;
        const outcome = await framed(
          request,
          () => runOnce(request, carry),
          // A run that only asked for hashes or started a read changed bookkeeping at most (activity, the clock).
          (done) =>
            !(done instanceof HashesNeeded) &&
            !(done instanceof PendingRead) &&
            !(done instanceof LedgerReadsNeeded),
        );
        if (outcome instanceof PendingRead) return finishRead(request, outcome);
        if (!(outcome instanceof HashesNeeded) && !(outcome instanceof LedgerReadsNeeded)) return outcome;
        if (carry.run >= MAX_RUNS) return finishResponse(busyResponse());
        // The only wait of a request: other requests run meanwhile, so the next run reads the state afresh.
        try {
          if (outcome instanceof LedgerReadsNeeded) await carry.ledgerReads.fill(outcome);
          else await carry.hashes.fill(outcome.needs);
        } catch (error) {
          return finishResponse(errorResponse(error));
        }
      }
    },
    ready: () => usersHashed,
    live,
    async sessionsAlive(keys) {
      if (keys.length === 0) return new Set();
      return framed(
        { method: 'GET', path: `${basePath}/events` },
        () => {
          const now = clock.now();
          return new Set(
            keys.filter((key) => {
              const session = state.sessions.get(key);
              return session !== undefined && !session.expired && !isIdle(session, now);
            }),
          );
        },
        () => false,
      );
    },
    now: () => clock.now(),
    tick: () => advanceWorld(state, clock.now()),
    clock,
    get state() {
      return state;
    },
    reset(next = {}) {
      state = createState(
        generateWorld({
          scenario: next.scenario ?? state.world.scenario,
          seed: next.seed ?? state.world.seed,
          now: clock.now(),
        }),
        hasher,
      );
      state.dirty = true;
      state.changes.all = true;
      usersHashed = hashUserPasswords(state);
    },
  };

  /**
   * One synchronous run of a request (stored by `framed` before anything else runs): no other request runs in
   * between, so the rules (lockout, throttles, one open command, idempotency) hold as on one thread. A rule missing a KDF hash
   * throws HashesNeeded before it changes anything; that run is not an answer.
   */
  function runOnce(
    request: SimRequest,
    carry: RequestCarry,
  ): SimResponse | HashesNeeded | LedgerReadsNeeded | PendingRead {
    const now = clock.now();
    let outcome: SimResponse | HashesNeeded | LedgerReadsNeeded | PendingRead;
    try {
      if (
        controlPath !== null &&
        (request.path === controlPath || request.path.startsWith(`${controlPath}/`))
      ) {
        advanceWorld(state, now);
        outcome = handleControl(
          { state, clock, now, reset: acquirer.reset, hashes: carry.hashes },
          request.method,
          request.path.slice(controlPath.length),
          bodyOf(request),
        );
      } else if (options.terminalSignatures && isTerminalPath(request.path)) {
        outcome = handleTerminal(request, now, options.terminalSignatures, carry);
      } else {
        outcome = handleApi(request, now, carry);
      }
    } catch (error) {
      outcome =
        error instanceof HashesNeeded || error instanceof LedgerReadsNeeded ? error : errorResponse(error);
    }
    return outcome instanceof HashesNeeded ||
      outcome instanceof LedgerReadsNeeded ||
      outcome instanceof PendingRead
      ? outcome
      : finishResponse(outcome);
  }

  /** The finish of a `ReadFirst` handler: synchronous, and stored before the answer leaves, like a run. */
  async function finishRead(request: SimRequest, pending: PendingRead): Promise<SimResponse> {
    let finishWith: (ctx: RequestContext) => HandlerResult;
    try {
      finishWith = await pending.handler.read();
    } catch (error) {
      const response = errorResponse(error);
      if (pending.ctx.setCookies.length > 0) response.setCookies = pending.ctx.setCookies;
      return finishResponse(response);
    }
    // With a shared store the finish runs on the state this process holds, as the read did (`framed`). Had
    // another process reset everything before what it changed is stored, `ctx.state` is the state before:
    // the finish answers from it and what it changed there is not written.
    const response = await framed(
      request,
      () => {
        try {
          return finish(pending.ctx, finishWith(pending.ctx), pending.defaultStatus);
        } catch (error) {
          const failed = errorResponse(error);
          if (pending.ctx.setCookies.length > 0) failed.setCookies = pending.ctx.setCookies;
          return failed;
        }
      },
      () => true,
      { readsOnly: true },
    );
    if (pending.delayMs) response.fault = { ...response.fault, delayMs: pending.delayMs };
    return finishResponse(response);
  }

  /**
   * A synchronous run of the rules, stored before its result is used. On one process's store the run and its
   * write follow each other with nothing in between; on a shared store (several processes, decision 021) the
   * run is framed by the store's transaction: the state lock taken and the state brought up to date first,
   * the changes committed after.
   */
  async function framed<T>(
    request: SimRequest,
    work: () => T,
    answered: (done: T) => boolean,
    { readsOnly = false }: { readsOnly?: boolean } = {},
  ): Promise<T> {
    const storage = options.storage;
    if (!storage || !('begin' in storage)) {
      const before = liveBefore(state, clock.now());
      const done = work();
      const drafts = deriveLiveEvents(state, before, clock.now());
      store(request, answered(done));
      // Stored: now they may be told.
      live.publish?.(drafts);
      return done;
    }
    if (readsOnly) {
      // The finish of a read (a GET) mostly changes nothing: it runs on the state as this process holds it,
      // like the read before it (between this process's other runs, not inside one), and takes the lock
      // only to store what it did change (an export's audit event).
      let added: AuditRecord[] = [];
      const done = await storage.quiet(() => {
        const from = state.audit.length;
        const finished = work();
        added = state.audit.slice(from);
        return finished;
      });
      if (state.dirty) await stored(storage, request, answered(done), added);
      return done;
    }
    await begun(storage, request);
    let done: T;
    try {
      const before = liveBefore(state, clock.now());
      done = work();
      // Written with the run's changes, in its transaction; every process hears them (decision 023).
      state.changes.live = deriveLiveEvents(state, before, clock.now());
      // A reset is written with its accounts' hashes: the other processes load it as it stands.
      if (state.changes.all) await usersHashed;
    } catch (error) {
      // Nothing of a run that threw is written; the store loads the state afresh before the next run.
      await storage.abort();
      throw error;
    }
    await storage.end(state, clock, { durable: isDurable(request, answered(done)) });
    return done;
  }

  /** The state lock taken and the state brought up to date (a whole new one after a reset elsewhere). */
  async function begun(storage: SharedStoragePort, request: SimRequest): Promise<void> {
    const fresh = await storage.begin(state, clock, { durable: isDurable(request, true) });
    if (fresh) {
      state = fresh.state;
      state.hasher = hasher;
      clock.setOffset(fresh.clockOffsetMs);
    }
  }

  /**
   * What a run changed outside the lock, written under it. Had the store to load a whole new state first,
   * the audit events the run recorded are carried over to it; anything else it changed is not.
   */
  async function stored(
    storage: SharedStoragePort,
    request: SimRequest,
    answered: boolean,
    events: readonly AuditRecord[],
  ): Promise<void> {
    const held = state;
    await begun(storage, request);
    if (state !== held && events.length > 0) {
      state.audit.push(...events);
      state.dirty = true;
    }
    await storage.end(state, clock, { durable: isDurable(request, answered) });
  }

  function isDurable(request: SimRequest, answered: boolean): boolean {
    return answered && request.method !== 'GET' && request.method !== 'HEAD';
  }

  function store(request: SimRequest, answered: boolean): void {
    const storage = options.storage;
    if (storage && 'begin' in storage) return;
    if (state.dirty && storage) {
      state.dirty = false;
      // A record store that fails throws here: the host must not acknowledge the request.
      if ('saveChanges' in storage) {
        storage.saveChanges(state, clock, { durable: isDurable(request, answered) });
      } else storage.save(serializeState(state, clock));
    }
    state.changes = emptyChanges();
  }

  function handleTerminal(
    request: SimRequest,
    now: number,
    signatures: TerminalSignatures,
    carry: RequestCarry,
  ): SimResponse {
    try {
      const path = request.path.slice(TERMINAL_BASE_PATH.length) || '/';
      const { status, body } = runTerminalRequest(
        state,
        signatures,
        request,
        request.path,
        path,
        now,
        carry.hashes,
        carry.ledgerReads,
      );
      return { status, headers: { 'content-type': 'application/json' }, body };
    } catch (error) {
      if (error instanceof HashesNeeded || error instanceof LedgerReadsNeeded) throw error;
      return errorResponse(error);
    }
  }

  function finishResponse(response: SimResponse): SimResponse {
    response.headers['date'] = toHttpDate(clock.now());
    response.headers['cache-control'] = 'no-store';
    return response;
  }

  function apiPathOf(path: string): string | null {
    if (path === basePath) return '/';
    return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : null;
  }

  function handleApi(request: SimRequest, now: number, carry: RequestCarry): SimResponse | PendingRead {
    const apiPath = apiPathOf(request.path);
    // Taken on the first run only: a request that runs again is still one request.
    const fault =
      carry.run === 1 ? takeFault(state.faults, request.method, request.path, apiPath) : carry.fault;
    carry.fault = fault;
    if (fault && carry.run === 1) {
      state.changes.faults = true;
      state.dirty = true;
    }
    if (fault && (fault.networkError || fault.status !== undefined || fault.malformed)) {
      return faultResponse(fault);
    }
    const response = apiPath === null ? notFoundResponse() : route(request, apiPath, now, carry);
    if (fault?.delayMs) {
      if (response instanceof PendingRead) response.delayMs = fault.delayMs;
      else response.fault = { ...response.fault, delayMs: fault.delayMs };
    }
    return response;
  }

  function route(
    request: SimRequest,
    apiPath: string,
    now: number,
    carry: RequestCarry,
  ): SimResponse | PendingRead {
    advanceWorld(state, now);
    const match = matchRoute(request.method, apiPath);
    if (match.kind === 'not_found') return notFoundResponse();
    if (match.kind === 'method_not_allowed') {
      const response = problemResponse(
        new SimProblem(405, ErrorCode.malformed, 'This method is not allowed here.'),
      );
      response.headers['allow'] = match.allow.join(', ');
      return response;
    }
    const { route: compiled, params } = match;
    const { endpoint, name } = compiled;
    const headers = lowerCaseHeaders(request.headers);
    const ctx: RequestContext = {
      state,
      now,
      request,
      endpoint: name,
      headers,
      cookies: request.cookies ?? {},
      clientIp: request.clientIp ?? null,
      params,
      query: {},
      body: undefined,
      session: null,
      sessionToken: null,
      user: null,
      setCookies: [],
      responseHeaders: {},
      ledger,
      fleet,
      auditTrail,
      hashes: carry.hashes,
      temporaryPins: carry.temporaryPins,
    };
    try {
      const lookup = lookupSession(state, ctx.cookies, now);
      if (!endpoint.public || name === 'session') requireSession(ctx, lookup);
      recordActivity(ctx);
      if (endpoint.method !== 'GET' && name !== 'login') requireCsrf(ctx);

      const rawBody = apiBodyOf(request, headers);
      let replayKey: { recordKey: string; requestHash: string } | null = null;
      if (endpoint.idempotent) {
        const key = requireIdempotencyKey(headers);
        const recordKey = recordKeyOf(ctx.user!.id, name, key);
        const requestHash = requestHashOf(state, apiPath, rawBody);
        const replay = findReplay(state, recordKey, requestHash, now);
        if (replay) {
          return finish(
            ctx,
            {
              status: replay.status,
              body: replayBody(ctx, replay),
              headers: { 'idempotency-replayed': 'true' },
            },
            endpoint.status,
          );
        }
        replayKey = { recordKey, requestHash };
      }
      // A stale If-Match on a terminal's update is a 412 (after a replay, which answers as the first time).
      if (endpoint.method !== 'GET' && params.tid !== undefined) requireTerminalVersion(ctx, params.tid);
      if (endpoint.query) ctx.query = parseOrReject(endpoint.query, queryObject(request.query), 'query');
      if (endpoint.body) ctx.body = parseOrReject(endpoint.body, rawBody ?? {}, 'body');

      const result = routeHandlers[name as EndpointName](ctx);
      if (result instanceof ReadFirst) {
        // A read runs while other requests do: it must not follow a change (idempotency, If-Match).
        if (endpoint.method !== 'GET') throw new Error(`${name}: only a GET may read the ledger first`);
        return new PendingRead(ctx, result, endpoint.status);
      }
      const status = result.status ?? endpoint.status;
      if (replayKey && status >= 200 && status < 300) {
        rememberResult(ctx, replayKey.recordKey, replayKey.requestHash, status, result.body);
      }
      return finish(ctx, result, endpoint.status);
    } catch (error) {
      if (error instanceof HashesNeeded) throw error;
      const response = errorResponse(error);
      if (ctx.setCookies.length > 0) response.setCookies = ctx.setCookies;
      return response;
    }
  }

  return acquirer;
}

/** The body as text; not for a streamed body (`isStreamedText`), which a host sends as it is read. */
export function responseBodyText(response: SimResponse): string | null {
  if (response.body === undefined || response.status === 204) return null;
  if (isStreamedText(response.body)) throw new Error('a streamed body is read with responseText');
  return typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
}

/** The body as text, a streamed one read to its end: for the browser mock and tests. */
export async function responseText(response: SimResponse): Promise<string | null> {
  if (!isStreamedText(response.body)) return responseBodyText(response);
  let text = '';
  for await (const part of response.body.stream()) text += part;
  return text;
}

function lowerCaseHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) out[key.toLowerCase()] = value;
  return out;
}

function finish(ctx: RequestContext, result: HandlerResult, defaultStatus: number): SimResponse {
  const status = result.status ?? defaultStatus;
  const headers: Record<string, string> = { ...ctx.responseHeaders, ...result.headers };
  if (result.body !== undefined && status !== 204 && !headers['content-type']) {
    headers['content-type'] = 'application/json';
  }
  const response: SimResponse = { status, headers, body: status === 204 ? undefined : result.body };
  if (ctx.setCookies.length > 0) response.setCookies = ctx.setCookies;
  return response;
}

export function problemResponse(problem: SimProblem): SimResponse {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (problem.extras.retryAfter !== undefined) headers['retry-after'] = String(problem.extras.retryAfter);
  return {
    status: problem.status,
    headers,
    body: problemBody(problem.status, problem.code, problem.detail, problem.extras),
  };
}

function busyResponse(): SimResponse {
  return problemResponse(
    new SimProblem(503, ErrorCode.unavailable, 'The acquirer is busy. Try again.', { retryAfter: 1 }),
  );
}

function notFoundResponse(): SimResponse {
  return problemResponse(new SimProblem(404, ErrorCode.notFound, 'No such endpoint.'));
}

function errorResponse(error: unknown): SimResponse {
  if (error instanceof SimProblem) return problemResponse(error);
  // A bug in the simulator: answer like a server would, and keep the cause visible to developers.
  console.error('[mock acquirer]', error);
  return problemResponse(new SimProblem(500, ErrorCode.internal, 'The mock acquirer failed.'));
}

function faultResponse(fault: FaultRecord): SimResponse {
  const hostFault = { networkError: fault.networkError, delayMs: fault.delayMs, malformed: fault.malformed };
  if (fault.networkError) return { status: 0, headers: {}, body: undefined, fault: hostFault };
  // A status that is not the acquirer's own: the page of a proxy or static server in front of it.
  if (fault.status !== undefined && fault.malformed) {
    return {
      status: fault.status,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<!doctype html><title>${fault.status}</title><h1>${fault.status}</h1>`,
      fault: hostFault,
    };
  }
  if (fault.status !== undefined) {
    const retryAfter = fault.status === 429 ? 2 : undefined;
    const response = problemResponse(
      new SimProblem(
        fault.status,
        codeForStatus(fault.status),
        'Injected by a mock fault.',
        retryAfter ? { retryAfter } : {},
      ),
    );
    response.fault = hostFault;
    return response;
  }
  // Off-contract on purpose: every response schema needs fields this lacks.
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: { unexpected: 'shape', items: 'not-a-list' },
    fault: hostFault,
  };
}

function isTerminalPath(path: string): boolean {
  return path === TERMINAL_BASE_PATH || path.startsWith(`${TERMINAL_BASE_PATH}/`);
}
