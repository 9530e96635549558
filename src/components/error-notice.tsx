import { isApiError } from '@/api/errors';
import { apiErrorMessage } from '@/i18n/error-messages';
import { useTranslation } from '@/i18n/use-translation';
import { Button } from './button';
import { Notice } from './notice';
import { useNow } from './use-now';

function retryAllowedAt(error: unknown): number | null {
  if (!isApiError(error) || error.status !== 429) return null;
  return error.retryAt ?? null;
}

// A 429 keeps "Try again" off until allowed, in words that do not tick (a screen reader hears them once);
// a 403 offers no retry: asking again does not change a permission.
export function ErrorNotice({
  error,
  onRetry,
  className,
}: {
  error: unknown;
  onRetry?: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const allowedAt = retryAllowedAt(error);
  const now = useNow(allowedAt !== null);
  const waiting = allowedAt !== null && now < allowedAt;

  const canRetry = onRetry !== undefined && !(isApiError(error) && error.status === 403);

  return (
    <Notice tone="error" className={className}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span>{apiErrorMessage(error, t)}</span>
        {canRetry ? (
          <Button variant="secondary" onClick={onRetry} disabled={waiting}>
            {t('app.retry')}
          </Button>
        ) : null}
      </div>
    </Notice>
  );
}
