import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { apiErrorMessage } from './error-messages';
import { changeLanguage, i18n } from './i18n';
import type { TFunction } from './use-translation';

function http(status: number, code: string, extra: { detail?: string; retryAfter?: number } = {}) {
  return new ApiError({
    kind: 'http',
    status,
    code,
    problem: { type: 'about:blank', title: 'Server title', status, code, ...extra },
  });
}

describe('apiErrorMessage', () => {
  beforeEach(async () => {
    await changeLanguage('en');
  });
  const t: TFunction = (key, values) => i18n._(key, values);

  it('explains failures without an answer', () => {
    expect(apiErrorMessage(new ApiError({ kind: 'network', code: 'client.network' }), t)).toMatch(
      /could not reach the server/i,
    );
    expect(apiErrorMessage(new ApiError({ kind: 'timeout', code: 'client.timeout' }), t)).toMatch(
      /too long/i,
    );
    expect(
      apiErrorMessage(new ApiError({ kind: 'malformed', status: 200, code: 'client.malformed_response' }), t),
    ).toBe("The server sent an answer we couldn't read. Try again; if it keeps happening, contact support.");
  });

  it('maps stable codes to their own message', () => {
    expect(apiErrorMessage(http(401, 'auth.session_expired'), t)).toMatch(/15 minutes/);
    expect(apiErrorMessage(http(422, 'pin.too_simple'), t)).toMatch(/too easy to guess/);
    expect(apiErrorMessage(http(409, 'command.already_open'), t)).toMatch(/already has a command waiting/);
    expect(apiErrorMessage(http(403, 'auth.step_up_required'), t)).toMatch(/confirm your password/i);
  });

  it('says how long to wait when rate limited', () => {
    expect(apiErrorMessage(http(429, 'auth.throttled', { retryAfter: 42 }), t)).toBe(
      'Too many attempts, try again in 42 s',
    );
    expect(apiErrorMessage(http(429, 'rate_limited'), t)).toMatch(/wait a moment/i);
  });

  it('falls back by status for unknown codes, then to a generic message', () => {
    expect(apiErrorMessage(http(404, 'something.new'), t)).toMatch(/could not find/i);
    expect(apiErrorMessage(http(503, 'something.new'), t)).toMatch(/server had a problem/i);
    expect(apiErrorMessage(http(418, 'teapot'), t)).toBe('Something went wrong (HTTP 418). Try again.');
    expect(apiErrorMessage(new TypeError('x is undefined'), t)).toBe('Something went wrong. Try again.');
  });

  it("never shows the server's own text, which could hold anything", () => {
    const message = apiErrorMessage(http(500, 'internal', { detail: 'token=abc123 at db.query' }), t);
    expect(message).not.toContain('abc123');
    expect(message).not.toContain('Server title');
  });

  it('speaks Chinese when the interface does', async () => {
    await changeLanguage('zh-CN');
    expect(apiErrorMessage(new ApiError({ kind: 'network', code: 'client.network' }), t)).toBe(
      '无法连接服务器。请检查网络后重试。',
    );
  });
});
