import type { EndpointName } from '@contract/endpoint-table';
import type { AuditTrail } from './audit-trail';
import type { Fleet } from './fleet';
import type { HashBook } from './hash-book';
import type { SalesLedger } from './ledger';
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
  /** Sales and voids (decision 017): read in a handler's `readFirst` step only. */
  ledger: SalesLedger;
  /** The terminals as the fleet lists read them (decision 018): in a handler's `readFirst` step only. */
  fleet: Fleet;
  /** The audit trail, to read (decision 017): in a handler's `readFirst` step only. Written by `recordAudit`. */
  auditTrail: AuditTrail;
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
  /** JSON, text, or text streamed in parts (`StreamedText`: a CSV export). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A body sent in parts as they are read (an export of 50,000 rows), so memory stays flat. */
export interface StreamedText {
  readonly stream: () => AsyncIterable<string>;
}

export function isStreamedText(body: unknown): body is StreamedText {
  return typeof body === 'object' && body !== null && typeof (body as StreamedText).stream === 'function';
}

/**
 * A handler that reads the ledger or the audit trail (decision 017): an asynchronous read that changes nothing, while other
 * requests run, then a synchronous finish that may change the state (an audit event) and is stored before
 * the answer leaves, like any run. Only for GET endpoints.
 */
export class ReadFirst {
  constructor(readonly read: () => Promise<(ctx: RequestContext) => HandlerResult>) {}
}

export function readFirst(read: () => Promise<(ctx: RequestContext) => HandlerResult>): ReadFirst {
  return new ReadFirst(read);
}

export type RouteHandler = (ctx: RequestContext) => HandlerResult | ReadFirst;
