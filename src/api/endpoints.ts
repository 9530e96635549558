import { z } from 'zod/mini';
import { AlertList } from './schemas/alerts';
import { AuditPage, AuditQuery } from './schemas/audit';
import { LoginRequest, SessionResponse, StepUpRequest, StepUpResponse } from './schemas/auth';
import { CommandList, CommandResponse } from './schemas/commands';
import { MerchantDetail, MerchantList } from './schemas/merchants';
import {
  BulkResetRequest,
  ChangeVoidPasswordRequest,
  JobResponse,
  ResetVoidPasswordRequest,
  ResetVoidPasswordResponse,
  TerminalDetail,
  TerminalFacets,
  TerminalFacetsQuery,
  TerminalListQuery,
  TerminalPage,
} from './schemas/terminals';
import { Overview, OverviewQuery } from './schemas/overview';
import {
  TransactionDetail,
  TransactionPage,
  TransactionQuery,
  VoidSummary,
  VoidSummaryQuery,
} from './schemas/transactions';

/**
 * The contract of DESIGN §3 in one table: every endpoint with its method, path
 * (`:name` for a path parameter), query, body and response schema. The client, the
 * acquirer simulator's router and the contract tests all read it, so they cannot drift.
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

const MerchantQuery = z.object({ q: z.optional(z.string().check(z.maxLength(64))) });

export const endpoints = {
  login: {
    method: 'POST',
    path: '/auth/login',
    body: LoginRequest,
    response: SessionResponse,
    status: 200,
    public: true,
  },
  logout: { method: 'POST', path: '/auth/logout', response: null, status: 204 },
  session: { method: 'GET', path: '/auth/session', response: SessionResponse, status: 200, public: true },
  stepUp: {
    method: 'POST',
    path: '/auth/step-up',
    body: StepUpRequest,
    response: StepUpResponse,
    status: 200,
  },
  merchants: { method: 'GET', path: '/merchants', query: MerchantQuery, response: MerchantList, status: 200 },
  merchant: { method: 'GET', path: '/merchants/:mid', response: MerchantDetail, status: 200 },
  terminals: {
    method: 'GET',
    path: '/terminals',
    query: TerminalListQuery,
    response: TerminalPage,
    status: 200,
  },
  terminalsExport: {
    method: 'GET',
    path: '/terminals/export',
    query: TerminalListQuery,
    response: 'csv',
    status: 200,
  },
  terminalFacets: {
    method: 'GET',
    path: '/terminals/facets',
    query: TerminalFacetsQuery,
    response: TerminalFacets,
    status: 200,
  },
  terminal: { method: 'GET', path: '/terminals/:tid', response: TerminalDetail, status: 200 },
  changeVoidPassword: {
    method: 'POST',
    path: '/terminals/:tid/void-password/change',
    body: ChangeVoidPasswordRequest,
    response: CommandResponse,
    status: 202,
    idempotent: true,
  },
  resetVoidPassword: {
    method: 'POST',
    path: '/terminals/:tid/void-password/reset',
    body: ResetVoidPasswordRequest,
    response: ResetVoidPasswordResponse,
    status: 202,
    idempotent: true,
  },
  commandHistory: {
    method: 'GET',
    path: '/terminals/:tid/void-password/commands',
    response: CommandList,
    status: 200,
  },
  command: { method: 'GET', path: '/password-commands/:id', response: CommandResponse, status: 200 },
  cancelCommand: {
    method: 'POST',
    path: '/password-commands/:id/cancel',
    response: CommandResponse,
    status: 200,
    idempotent: true,
  },
  bulkReset: {
    method: 'POST',
    path: '/void-password/bulk-resets',
    body: BulkResetRequest,
    response: JobResponse,
    status: 202,
    idempotent: true,
  },
  job: { method: 'GET', path: '/jobs/:id', response: JobResponse, status: 200 },
  transactions: {
    method: 'GET',
    path: '/transactions',
    query: TransactionQuery,
    response: TransactionPage,
    status: 200,
  },
  transactionsExport: {
    method: 'GET',
    path: '/transactions/export',
    query: TransactionQuery,
    response: 'csv',
    status: 200,
  },
  voidSummary: {
    method: 'GET',
    path: '/transactions/void-summary',
    query: VoidSummaryQuery,
    response: VoidSummary,
    status: 200,
  },
  transaction: { method: 'GET', path: '/transactions/:id', response: TransactionDetail, status: 200 },
  auditEvents: { method: 'GET', path: '/audit-events', query: AuditQuery, response: AuditPage, status: 200 },
  alerts: { method: 'GET', path: '/alerts', response: AlertList, status: 200 },
  overview: { method: 'GET', path: '/overview', query: OverviewQuery, response: Overview, status: 200 },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
export const API_BASE_PATH = '/api/v1';

/** Fills `:name` parameters of an endpoint path; each value is URI-encoded. */
export function buildPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
