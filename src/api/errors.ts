import type { ProblemDetails } from '@contract/schemas/common';

export type ApiErrorKind = 'http' | 'network' | 'timeout' | 'malformed';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** Never carries the request body, so no secret can reach an error message or report. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldProblem[];
  readonly attemptsRemaining: number | undefined;
  readonly retryAfter: number | undefined;
  /** Epoch ms of the browser clock, counted from when the answer came. */
  readonly retryAt: number | undefined;
  readonly lockedUntil: string | undefined;
  readonly openCommandId: string | undefined;
  /** Re-read, never assume success. */
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

export const CLIENT_UNAVAILABLE = 'client.unavailable';

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
