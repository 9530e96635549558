import type { z } from 'zod/mini';

/**
 * One endpoint of the contract (docs/api.md): method, path (`:name` for a path parameter),
 * query, body and response schema. Each area's endpoints live in a module of their own
 * (src/api/endpoints/*.ts), so a screen loads the schemas of the endpoints it calls and no
 * others; src/api/endpoints.ts gathers them into the table the acquirer simulator's router,
 * the server and the contract tests read, so they cannot drift.
 */
export interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** Response schema; `null` for 204 No Content, `'csv'` for a text/csv download. */
  response: z.ZodMiniType | null | 'csv';
  /** HTTP status of success. */
  status: 200 | 202 | 204;
  /** True when the endpoint can be called without a session. */
  public?: boolean;
  /** True for mutations that must carry `Idempotency-Key`. */
  idempotent?: boolean;
}

export const API_BASE_PATH = '/api/v1';

/** Fills `:name` parameters of an endpoint path; each value is URI-encoded. */
export function buildPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
