import type { EndpointName } from '@/api/endpoints';
import type { SimState } from './state';
import type { SessionRecord, SimRequest, UserRecord } from './types';

/** One request on its way through the simulator. */
export interface RequestContext {
  state: SimState;
  /** Simulated now, fixed for the whole request. */
  now: number;
  request: SimRequest;
  endpoint: EndpointName;
  headers: Record<string, string>;
  cookies: Record<string, string>;
  clientIp: string | null;
  params: Record<string, string>;
  /** The endpoint's query schema output (or `{}`). */
  query: unknown;
  /** The endpoint's body schema output (or `undefined`). */
  body: unknown;
  session: SessionRecord | null;
  /** The raw session token from the cookie (memory only, for the derived CSRF token). */
  sessionToken: string | null;
  user: UserRecord | null;
  setCookies: string[];
  responseHeaders: Record<string, string>;
}

/** The signed-in user; routes that are not public only run with one. */
export function userOf(ctx: RequestContext): UserRecord {
  if (!ctx.user) throw new Error(`${ctx.endpoint} ran without a user`);
  return ctx.user;
}

export interface HandlerResult {
  /** Defaults to the endpoint's success status. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (ctx: RequestContext) => HandlerResult;
