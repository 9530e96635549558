/**
 * The HTTP security headers the console is served with — one source for the preview and dev
 * servers (vite.config.ts), the acquirer server (server/app.ts) and the deployment example
 * (docs/deploy/nginx.conf, which a test holds to these values).
 */

export type CspDirectives = Record<string, readonly string[]>;

/**
 * A strict policy: code, styles and connections from this origin only; no inline script,
 * no plugins, no `<base>`, no framing, no native form posts.
 *
 * - `style-src 'self'` without `'unsafe-inline'`: the build emits one stylesheet, and React's
 *   `style={…}` props are written through the CSSOM (`element.style`), which CSP does not
 *   govern; only `style="…"` in markup or `setAttribute('style')` would be refused.
 * - `worker-src 'self'`: the mock build's MSW service worker (`/mockServiceWorker.js`).
 * - `form-action 'none'`: every form is sent by script; a native submit (a bug) would put
 *   the password in a URL, so it is refused instead.
 */
export const CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export interface SecurityHeaderOptions {
  /** Extra `connect-src` sources: the API's origin when it is not this one. */
  connectSrc?: readonly string[];
  /**
   * Dev server only: Vite's inline React Refresh preamble and the `<style>` tags of hot
   * updates carry this nonce (`html.cspNonce`), so development runs under the same policy.
   */
  devNonce?: string;
}

export function contentSecurityPolicy(
  options: SecurityHeaderOptions = {},
  directives: CspDirectives = CSP_DIRECTIVES,
): string {
  const nonce = options.devNonce ? [`'nonce-${options.devNonce}'`] : [];
  const merged: CspDirectives = {
    ...directives,
    'script-src': [...(directives['script-src'] ?? []), ...nonce],
    'style-src': [...(directives['style-src'] ?? []), ...nonce],
    'connect-src': [...(directives['connect-src'] ?? []), ...(options.connectSrc ?? [])],
  };
  return Object.entries(merged)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Headers for every answer: the app's document, its files and the API. */
export function securityHeaders(options: SecurityHeaderOptions = {}) {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    // For browsers older than `frame-ancestors`.
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/**
 * API answers and the app's document are never stored: an API answer holds a merchant's
 * data, and a stored document could come back from the back/forward cache after sign-out.
 */
export const NO_STORE = 'no-store';

/** Only over HTTPS (a TLS-terminating proxy, or nginx): one year, subdomains too. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** The origin of an absolute API base URL, to allow in `connect-src`; none for a path. */
export function crossOriginApiSource(apiBaseUrl: string): string[] {
  return /^https?:\/\//.test(apiBaseUrl) ? [new URL(apiBaseUrl).origin] : [];
}
