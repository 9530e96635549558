// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  crossOriginApiSource,
  NO_STORE,
  securityHeaders,
  STRICT_TRANSPORT_SECURITY,
} from './security-headers';

const nginx = readFileSync(new URL('../docs/deploy/nginx.conf', import.meta.url), 'utf8');
const withoutComments = nginx.replace(/#.*$/gm, '');

function nginxHeaders(): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const [, name, quoted, bare] of withoutComments.matchAll(
    /add_header\s+(\S+)\s+(?:"([^"]*)"|(\S+))\s+always;/g,
  )) {
    headers.set(name!, [...(headers.get(name!) ?? []), quoted ?? bare!]);
  }
  return headers;
}

describe('security headers', () => {
  it('are strict: no inline script or style, no plugins, no <base>, no framing, no native form posts', () => {
    const csp = securityHeaders()['Content-Security-Policy'];
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]) {
      expect(csp.split('; ')).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('allow an API on another origin in connect-src only', () => {
    const csp = contentSecurityPolicy({
      connectSrc: crossOriginApiSource('https://acquirer.example/api/v1'),
    });
    expect(csp).toContain("connect-src 'self' https://acquirer.example;");
    expect(csp.match(/acquirer\.example/g)).toHaveLength(1);
    expect(crossOriginApiSource('/api/v1')).toEqual([]);
  });

  it('are the ones the nginx example sends, each once and at server level', () => {
    const sent = nginxHeaders();
    for (const [name, value] of Object.entries(securityHeaders())) {
      expect(sent.get(name), name).toEqual([value]);
    }
    expect(sent.get('Strict-Transport-Security')).toEqual([STRICT_TRANSPORT_SECURITY]);
    // Any add_header inside a location would drop the server-level ones there.
    for (const [, body] of withoutComments.matchAll(/location\s+[^{]+\{([^}]*)\}/g)) {
      expect(body).not.toContain('add_header');
    }
  });

  it('the nginx example never stores the document and hides the API server’s own copies', () => {
    expect(withoutComments).toMatch(new RegExp(`default\\s+"${NO_STORE}";`));
    for (const name of Object.keys(securityHeaders())) {
      expect(withoutComments).toContain(`proxy_hide_header ${name};`);
    }
  });
});
