import { delay, http, HttpResponse } from 'msw';
import { type Acquirer, responseText } from '@acquirer/acquirer';
import type { CookieJar } from './cookie-jar';

export interface HandlerOptions {
  apiBaseUrl: string;
  jar: CookieJar;
  controlPath?: string;
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
    return new HttpResponse(await responseText(result), { status: result.status, headers: result.headers });
  };

  return [http.all(`${base}/*`, resolve), http.all(`*${controlPath}/*`, resolve)];
}
