import type { ProblemDetails } from './schemas/common';

export type ApiErrorKind =
  /** The server answered with a problem (4xx/5xx). */
  | 'http'
  /** No answer: offline, DNS, connection reset, CORS. */
  | 'network'
  /** No answer in time. */
  | 'timeout'
  /** An answer that does not match the contract. */
  | 'malformed';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * Every failure of an API call. It carries what the UI needs to explain the problem and
 * never the request body, so no secret can reach an error message or report.
 */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldProblem[];
  readonly attemptsRemaining: number | undefined;
  /** Seconds to wait, from `retryAfter` or the `Retry-After` header. */
  readonly retryAfter: number | undefined;
  /** When that wait is over (browser clock, epoch ms): it runs from when the answer came. */
  readonly retryAt: number | undefined;
  readonly lockedUntil: string | undefined;
  readonly openCommandId: string | undefined;
  /** A mutation whose effect is unknown: it may or may not have happened. Re-read, never assume success. */
  readonly outcomeUnknown: boolean;

  constructor(init: {
    kind: ApiErrorKind;
    status?: number;
    code: string;
    detail?: string;
    problem?: Partial<ProblemDetails>;
    retryAfter?: number;
    outcomeUnknown?: boolean;
  }) {
    super(init.problem?.title ?? init.detail ?? init.code);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.code = init.code;
    this.detail = init.problem?.detail ?? init.detail;
    this.fieldErrors = init.problem?.errors ?? [];
    this.attemptsRemaining = init.problem?.attemptsRemaining;
    this.retryAfter = init.problem?.retryAfter ?? init.retryAfter;
    this.retryAt = this.retryAfter === undefined ? undefined : Date.now() + this.retryAfter * 1000;
    this.lockedUntil = init.problem?.lockedUntil;
    this.openCommandId = init.problem?.openCommandId;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  get isServerError(): boolean {
    return this.kind === 'http' && this.status >= 500;
  }
}

/** The code of an answer that did not come from the API (see the client's `notTheApi`). */
export const CLIENT_UNAVAILABLE = 'client.unavailable';

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
