import type { ProblemDetails } from '@contract/schemas/common';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export type ProblemExtras = Partial<
  Pick<ProblemDetails, 'errors' | 'attemptsRemaining' | 'retryAfter' | 'lockedUntil' | 'openCommandId'>
>;

// Whatever a handler changed before throwing (a counted wrong attempt) stays.
export class SimProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'SimProblem';
  }
}

export function problemBody(
  status: number,
  code: string,
  detail: string,
  extras: ProblemExtras = {},
): ProblemDetails {
  return {
    type: `https://acquirer.example/problems/${code.replaceAll('.', '/')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extras,
  };
}

export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'request.malformed';
    case 401:
      return 'auth.unauthenticated';
    case 403:
      return 'auth.forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'version.conflict';
    case 412:
      return 'version.conflict';
    case 422:
      return 'validation';
    case 423:
      return 'pin.locked';
    case 429:
      return 'rate_limited';
    case 503:
    case 502:
    case 504:
      return 'unavailable';
    default:
      return status >= 500 ? 'internal' : `http.${status}`;
  }
}
