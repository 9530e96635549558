import { CLIENT_UNAVAILABLE, isApiError } from '@/api/errors';
import { ErrorCode } from '@contract/schemas/common';
import type { TFunction } from '@/i18n/use-translation';
import type { MessageKey } from './messages';

type ErrorKey = Extract<MessageKey, `errors.${string}`>;

// Server `detail` text is never shown: it could hold anything.
const byCode: Record<string, ErrorKey> = {
  [ErrorCode.malformed]: 'errors.badRequest',
  [ErrorCode.invalidCredentials]: 'errors.invalidCredentials',
  [ErrorCode.unauthenticated]: 'errors.unauthenticated',
  [ErrorCode.sessionExpired]: 'errors.sessionExpired',
  [ErrorCode.csrf]: 'errors.csrf',
  [ErrorCode.stepUpRequired]: 'errors.stepUpRequired',
  [ErrorCode.forbidden]: 'errors.forbidden',
  [ErrorCode.notFound]: 'errors.notFound',
  [ErrorCode.pinFormat]: 'errors.pinFormat',
  [ErrorCode.pinTooSimple]: 'errors.pinTooSimple',
  [ErrorCode.pinDefault]: 'errors.pinDefault',
  [ErrorCode.pinReused]: 'errors.pinReused',
  [ErrorCode.pinWrongCurrent]: 'errors.pinWrongCurrent',
  [ErrorCode.pinLocked]: 'errors.pinLocked',
  [ErrorCode.commandAlreadyOpen]: 'errors.commandAlreadyOpen',
  [ErrorCode.commandNotCancellable]: 'errors.commandNotCancellable',
  [ErrorCode.versionConflict]: 'errors.versionConflict',
  [ErrorCode.idempotencyMismatch]: 'errors.idempotencyMismatch',
  [ErrorCode.validation]: 'errors.validation',
  [ErrorCode.internal]: 'errors.server',
  [ErrorCode.unavailable]: 'errors.server',
  [CLIENT_UNAVAILABLE]: 'errors.unavailable',
};

const byStatus: Record<number, ErrorKey> = {
  400: 'errors.badRequest',
  401: 'errors.unauthenticated',
  403: 'errors.forbidden',
  404: 'errors.notFound',
  409: 'errors.conflict',
  412: 'errors.versionConflict',
  422: 'errors.validation',
  423: 'errors.locked',
};

export function apiErrorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.unexpected');
  switch (error.kind) {
    case 'network':
      return t('errors.network');
    case 'timeout':
      return t('errors.timeout');
    case 'malformed':
      return t('errors.malformed');
    case 'http':
      break;
  }
  if (error.status === 429 || error.code === ErrorCode.throttled || error.code === ErrorCode.rateLimited) {
    if (error.retryAfter === undefined) return t('errors.rateLimitedNoWait');
    return error.code === ErrorCode.throttled
      ? t('errors.throttled', { seconds: error.retryAfter })
      : t('errors.rateLimited', { seconds: error.retryAfter });
  }
  const key = byCode[error.code] ?? byStatus[error.status];
  if (key) return t(key);
  if (error.status >= 500) return t('errors.server');
  return t('errors.unknown', { status: error.status });
}
