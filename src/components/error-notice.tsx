import { useTranslation } from 'react-i18next';
import { apiErrorMessage } from '@/i18n/error-messages';
import { Button } from './button';
import { Notice } from './notice';

/** Any failure, in words, with a retry when one makes sense. Never the server's own text. */
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
  return (
    <Notice tone="error" className={className}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span>{apiErrorMessage(error, t)}</span>
        {onRetry ? (
          <Button variant="secondary" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        ) : null}
      </div>
    </Notice>
  );
}
