import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { type Acquirer, responseBodyText } from '@acquirer/acquirer';
import { isStreamedText } from '@acquirer/context';
import { followLive, isLiveStreamStart, type LiveMessage, type LiveStreamStart } from '@acquirer/live-events';
import { problemBody } from '@acquirer/problem';
import { API_BASE_PATH } from '@contract/endpoint-table';
import { ErrorCode } from '@contract/schemas/common';
import { LIVE_HEARTBEAT_SECONDS } from '@contract/schemas/events';
import { NO_STORE, securityHeaders, STRICT_TRANSPORT_SECURITY } from '@contract/security-headers';
import { TERMINAL_BASE_PATH } from '@contract/terminal-protocol';
import type { ServerConfig } from './config';
import { errorFields, type Logger } from './logger';
import { openApiDocument } from './openapi';

export const CONTROL_PATH = '/__mock';

type Env = { Bindings: Partial<HttpBindings>; Variables: { requestId: string } };

function problem(
  c: Context<Env>,
  status: 400 | 403 | 404 | 413 | 500 | 503,
  code: string,
  detail: string,
  extraHeaders: Record<string, string> = {},
) {
  c.header('Cache-Control', NO_STORE);
  return c.body(JSON.stringify(problemBody(status, code, detail)), status, {
    'Content-Type': 'application/problem+json',
    ...extraHeaders,
  });
}

function isHttps(c: Context<Env>, config: ServerConfig): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return config.trustProxy && c.req.header('x-forwarded-proto') === 'https';
}

function clientIpOf(c: Context<Env>, config: ServerConfig): string | undefined {
  if (config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in a test: no socket
  }
}

/** Sent as it is read, at the pace the client takes it (pull): an export's memory stays flat. */
function textStream(parts: AsyncIterable<string>, c: Context<Env>, log: Logger): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = parts[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        // The status line has left: the client sees a cut-off file, and the log says why.
        log.error('streamed answer failed', { requestId: c.get('requestId'), ...errorFields(error) });
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A live stream open on this process: its session, and how to end it. */
interface LiveConnection {
  sessionKey: string;
  end(): void;
}

/**
 * The live streams of this process (decision 023). Every heartbeat interval their sessions are checked in one
 * run of the rules (`sessionsAlive`: no activity recorded); a stream whose session was signed out or timed
 * out ends, and EventSource's reconnect then meets a 401.
 */
function liveConnections(acquirer: Acquirer, everyMs: number, log: Logger) {
  const open = new Set<LiveConnection>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let checking = false;
  const check = async () => {
    if (checking || open.size === 0) return;
    checking = true;
    try {
      const alive = await acquirer.sessionsAlive([...new Set([...open].map((c) => c.sessionKey))]);
      for (const connection of [...open]) if (!alive.has(connection.sessionKey)) connection.end();
    } catch (error) {
      // The database did not answer: the streams go on, checked again at the next beat.
      log.error('live session check failed', errorFields(error));
    } finally {
      checking = false;
    }
  };
  return {
    add(connection: LiveConnection): () => void {
      open.add(connection);
      if (!timer) {
        timer = setInterval(() => void check(), everyMs);
        timer.unref();
      }
      return () => {
        open.delete(connection);
        if (open.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    get size() {
      return open.size;
    },
  };
}

// Every rule (sessions, CSRF, step-up, idempotency, If-Match) stays in the simulator.
export function createApp(config: ServerConfig, acquirer: Acquirer, log: Logger): Hono<Env> {
  const app = new Hono<Env>();

  app.use(async (c, next) => {
    const started = performance.now();
    c.set('requestId', randomUUID());
    await next();
    // The path only: a query may hold what someone searched for (a phone number).
    log.info('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });

  const headers = Object.entries(securityHeaders());
  app.use(async (c, next) => {
    await next();
    for (const [name, value] of headers) c.header(name, value);
    if (isHttps(c, config)) c.header('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  });

  const apiAndControl = [`${API_BASE_PATH}/*`, `${CONTROL_PATH}/*`, `${TERMINAL_BASE_PATH}/*`];
  for (const route of apiAndControl) {
    app.use(route, async (c, next) => {
      await next();
      c.header('Cache-Control', NO_STORE);
    });
    app.use(
      route,
      bodyLimit({
        maxSize: config.maxBodyBytes,
        // The rest of the body is never read, so the connection cannot carry another request: say so.
        onError: (c) =>
          problem(c, 413, ErrorCode.malformed, 'The request body is too large.', { Connection: 'close' }),
      }),
    );
    // SameSite=Strict already keeps the cookie off cross-site requests; refuse them outright too.
    app.use(route, async (c, next) => {
      const site = c.req.header('sec-fetch-site');
      if (
        c.req.method !== 'GET' &&
        c.req.method !== 'HEAD' &&
        site &&
        site !== 'same-origin' &&
        site !== 'none'
      ) {
        return problem(c, 403, ErrorCode.csrf, 'Cross-site requests are refused.');
      }
      await next();
    });
  }

  const heartbeatMs = config.liveHeartbeatMs ?? LIVE_HEARTBEAT_SECONDS * 1000;
  const live = liveConnections(acquirer, heartbeatMs, log);

  /**
   * `GET /events` once the rules let it through (a session, a valid Last-Event-ID): Server-Sent Events with
   * Hono's helper, what was missed first, then each event this user may see, a heartbeat comment when idle.
   */
  const liveStream = (c: Context<Env>, start: LiveStreamStart) => {
    // A proxy (nginx) must pass each message on at once rather than buffer the response.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const queue: LiveMessage[] = [];
      let wake: (() => void) | null = null;
      let ended = false;
      const end = () => {
        ended = true;
        wake?.();
      };
      const stopFollowing = followLive(
        acquirer.live,
        start,
        (message) => {
          queue.push(message);
          wake?.();
        },
        () => acquirer.now(),
      );
      const forget = live.add({ sessionKey: start.access.sessionKey, end });
      stream.onAbort(end);
      try {
        // A first line at once, so that the client sees the stream open.
        await stream.write(': connected\n\n');
        while (!ended && !stream.aborted) {
          while (queue.length > 0 && !stream.aborted) {
            const message = queue.shift()!;
            await stream.writeSSE({ id: message.id, data: message.data });
          }
          if (ended || stream.aborted) break;
          const beat = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(true), heartbeatMs);
            wake = () => {
              clearTimeout(timer);
              resolve(false);
            };
          });
          wake = null;
          if (beat && !ended) await stream.write(': heartbeat\n\n');
        }
      } finally {
        stopFollowing();
        forget();
      }
    });
  };

  const openApi = JSON.stringify(openApiDocument());
  app.get(`${API_BASE_PATH}/openapi.json`, (c) =>
    c.body(openApi, 200, { 'Content-Type': 'application/json' }),
  );

  const simulate = async (c: Context<Env>) => {
    const url = new URL(c.req.url);
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
    const method = c.req.method;
    const bodyText = method === 'GET' || method === 'HEAD' ? undefined : await c.req.text();
    let result;
    try {
      result = await acquirer.handle({
        method,
        path: url.pathname,
        query: url.searchParams,
        headers,
        cookies: getCookie(c),
        bodyText,
        clientIp: clientIpOf(c, config),
      });
    } catch (error) {
      if (config.databaseUrl) {
        // PostgreSQL: the store rolled back and loads the state afresh at the next request (decision 021).
        log.error('database unavailable', { requestId: c.get('requestId'), ...errorFields(error) });
        return problem(
          c,
          503,
          ErrorCode.unavailable,
          'The database did not answer, so nothing was changed. Try again in a moment.',
          { 'Retry-After': '5' },
        );
      }
      // Memory may now be ahead of the database: stop, and a supervisor restarts from the database.
      log.error('store write failed; stopping', { requestId: c.get('requestId'), ...errorFields(error) });
      setImmediate(() => process.exit(70));
      return problem(c, 500, ErrorCode.internal, 'The acquirer could not store the change.');
    }
    if (result.fault?.delayMs) await sleep(result.fault.delayMs);
    if (result.fault?.networkError) {
      c.env.incoming?.socket.destroy();
      return c.body(null, 502);
    }
    if (isLiveStreamStart(result.body)) return liveStream(c, result.body);
    const secure = isHttps(c, config);
    const response = new Headers(result.headers);
    for (const cookie of result.setCookies ?? []) {
      response.append('Set-Cookie', secure ? `${cookie}; Secure` : cookie);
    }
    const body = isStreamedText(result.body)
      ? textStream(result.body.stream(), c, log)
      : responseBodyText(result);
    return new Response(body, { status: result.status, headers: response });
  };

  app.all(`${API_BASE_PATH}/*`, simulate);
  // The terminal protocol: each request signed by the terminal's own key (acquirer/rules/terminal-protocol.ts).
  app.all(`${TERMINAL_BASE_PATH}/*`, simulate);
  app.all(CONTROL_PATH, (c) =>
    config.sandbox ? simulate(c) : problem(c, 404, ErrorCode.notFound, 'Not found.'),
  );
  app.all(`${CONTROL_PATH}/*`, (c) =>
    config.sandbox ? simulate(c) : problem(c, 404, ErrorCode.notFound, 'Not found.'),
  );

  if (config.staticDir) {
    const root = path.relative(process.cwd(), path.resolve(config.staticDir)) || '.';
    app.use(
      '/assets/*',
      serveStatic({
        root,
        onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
      }),
    );
    // Never stored, so Back after sign-out cannot bring a signed-in page back from a cache.
    const cacheControlOf = (file: string) => (file.endsWith('.html') ? NO_STORE : 'no-cache');
    app.use(
      '*',
      serveStatic({ root, onFound: (file, c) => c.header('Cache-Control', cacheControlOf(file)) }),
    );
    // Client routes (/terminals/58100101) get the app; a missing file with an extension is a 404.
    app.get('*', (c, next) => {
      if (path.extname(c.req.path) !== '') return next();
      return serveStatic({
        root,
        path: 'index.html',
        onFound: (_path, ctx) => ctx.header('Cache-Control', NO_STORE),
      })(c, next);
    });
  }

  app.notFound((c) => problem(c, 404, ErrorCode.notFound, 'Not found.'));
  app.onError((error, c) => {
    log.error('unhandled error', { requestId: c.get('requestId'), ...errorFields(error) });
    return problem(c, 500, ErrorCode.internal, 'The server failed.');
  });
  return app;
}
