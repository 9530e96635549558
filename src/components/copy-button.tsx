import { useEffect, useState } from 'react';
import { useTranslation } from '@/i18n/use-translation';

type CopyState = 'idle' | 'copied' | 'failed';

const CONFIRMATION_MS = 3000;

// Never for a secret: clipboards are shared with other apps.
export function CopyButton({
  text,
  label,
  confirmation,
  className = '',
}: {
  text: string;
  label: string;
  confirmation?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <span className={`inline-flex items-center gap-1 ${className}`}>
      <button
        type="button"
        onClick={() => void copy()}
        aria-label={label}
        title={label}
        className="focus-ring inline-flex h-8 w-8 shrink-0 items-center justify-center rounded-md text-gray-700 hover:bg-gray-100 hover:text-gray-900"
      >
        {state === 'copied' ? (
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 text-green-700">
            <path fill="currentColor" d="M7.7 13.3 4.4 10l-1.2 1.2 4.5 4.5 9.5-9.5-1.2-1.2z" />
          </svg>
        ) : (
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4">
            <path
              fill="currentColor"
              d="M7 2h9a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-2v-2h2V4H7v2H5V4a2 2 0 0 1 2-2Zm-3 6h9a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2v-6a2 2 0 0 1 2-2Zm0 2v6h9v-6H4Z"
            />
          </svg>
        )}
      </button>
      {/* Always in the DOM, so the change is announced. */}
      <span role="status" className="text-xs font-medium">
        {state === 'copied' ? (
          <>
            <span aria-hidden="true" className="text-green-800">
              {t('copy.copied')}
            </span>
            <span className="sr-only">{confirmation ?? t('copy.copied')}</span>
          </>
        ) : state === 'failed' ? (
          <span className="text-red-800">{t('copy.failed')}</span>
        ) : null}
      </span>
    </span>
  );
}
