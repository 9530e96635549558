import type { EndpointName } from '@contract/endpoint-table';
import type { HashBook } from './hash-book';
import type { SimState } from './state';
import type { SessionRecord, SimRequest, UserRecord } from './types';

export interface RequestContext {
  state: SimState;
  /** Fixed for the whole request. */
  now: number;
  request: SimRequest;
  endpoint: EndpointName;
  headers: Record<string, string>;
  cookies: Record<string, string>;
  clientIp: string | null;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  session: SessionRecord | null;
  /** Memory only: the CSRF token is derived from it. */
  sessionToken: string | null;
  user: UserRecord | null;
  setCookies: string[];
  responseHeaders: Record<string, string>;
  /** KDF hashes, computed before this run of the request (decision 014). */
  hashes: HashBook;
  /** Kept across the runs of one request: temporary PINs drawn, so a second run hashes the same ones. */
  temporaryPins: string[];
}

export function userOf(ctx: RequestContext): UserRecord {
  if (!ctx.user) throw new Error(`${ctx.endpoint} ran without a user`);
  return ctx.user;
}

export interface HandlerResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (ctx: RequestContext) => HandlerResult;
