import type { z } from 'zod/mini';

/** One endpoint of the contract (docs/api.md); one module per area, gathered in contract/endpoint-table.ts. */
export interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /**
   * `null` for 204 No Content, `'csv'` for a text/csv download, `'event-stream'` for Server-Sent Events
   * (`LiveEvent` messages).
   */
  response: z.ZodMiniType | null | 'csv' | 'event-stream';
  status: 200 | 202 | 204;
  public?: boolean;
  idempotent?: boolean;
}

export const API_BASE_PATH = '/api/v1';

export function buildPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
