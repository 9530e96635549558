import { delay, http, HttpResponse } from 'msw';
import { type Acquirer, responseText } from '@acquirer/acquirer';
import {
  followLive,
  isLiveStreamStart,
  type LiveStreamStart,
  SSE_HEARTBEAT,
  sseText,
} from '@acquirer/live-events';
import { LIVE_HEARTBEAT_SECONDS } from '@contract/schemas/events';
import type { CookieJar } from './cookie-jar';

export interface HandlerOptions {
  apiBaseUrl: string;
  jar: CookieJar;
  controlPath?: string;
  /** Between heartbeat comments of a live stream, and checks that its session is still on. */
  liveHeartbeatMs?: number;
}

export function basePathOf(apiBaseUrl: string): string {
  return new URL(apiBaseUrl, 'http://mock.invalid').pathname.replace(/\/+$/, '');
}

// All behaviour lives in `sim/` (decision 001).
export function createHandlers(getAcquirer: () => Acquirer, options: HandlerOptions) {
  const controlPath = options.controlPath ?? '/__mock';
  const base = options.apiBaseUrl.replace(/\/+$/, '');

  const resolve = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
    const bodyText = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    const result = await getAcquirer().handle({
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      cookies: options.jar.read(),
      bodyText,
      clientIp: '127.0.0.1',
    });
    if (result.fault?.delayMs) await delay(result.fault.delayMs);
    if (result.fault?.networkError) return HttpResponse.error();
    if (result.setCookies) options.jar.write(result.setCookies);
    if (isLiveStreamStart(result.body)) {
      return new HttpResponse(liveStream(getAcquirer(), result.body, options.liveHeartbeatMs), {
        status: result.status,
        headers: { ...result.headers, 'content-type': 'text/event-stream' },
      });
    }
    return new HttpResponse(await responseText(result), { status: result.status, headers: result.headers });
  };

  return [http.all(`${base}/*`, resolve), http.all(`*${controlPath}/*`, resolve)];
}

/**
 * The live stream of `GET /events` (decision 023) as the server sends it: the same events and SSE messages,
 * a heartbeat comment when idle, the end when the session ends.
 */
function liveStream(
  acquirer: Acquirer,
  start: LiveStreamStart,
  heartbeatMs = LIVE_HEARTBEAT_SECONDS * 1000,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream({
    start(controller) {
      let open = true;
      const write = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const stopFollowing = followLive(
        acquirer.live,
        start,
        (message) => write(sseText(message)),
        acquirer.now,
      );
      const beat = setInterval(() => {
        write(SSE_HEARTBEAT);
        void acquirer.sessionsAlive([start.access.sessionKey]).then((alive) => {
          if (!alive.has(start.access.sessionKey)) end();
        });
      }, heartbeatMs);
      const end = () => {
        if (!open) return;
        open = false;
        clearInterval(beat);
        stopFollowing();
        controller.close();
      };
      stop = () => {
        open = false;
        clearInterval(beat);
        stopFollowing();
      };
      write(': connected\n\n');
    },
    cancel() {
      stop();
    },
  });
}
