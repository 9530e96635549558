// One source for the preview and dev servers, the acquirer server and docs/deploy/nginx.conf.

export type CspDirectives = Record<string, readonly string[]>;

// `style-src 'self'` without 'unsafe-inline' still allows React's `style={…}`: it goes through the CSSOM.
// `form-action 'none'`: forms are sent by script; a native submit (a bug) would put the password in a URL.
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
  connectSrc?: readonly string[];
  /** Vite's React Refresh preamble and hot-update styles carry it, so dev runs under the same policy. */
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

// An API answer holds a merchant's data; a stored document could come back from the bfcache after sign-out.
export const NO_STORE = 'no-store';

export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

export function crossOriginApiSource(apiBaseUrl: string): string[] {
  return /^https?:\/\//.test(apiBaseUrl) ? [new URL(apiBaseUrl).origin] : [];
}
