import type { Download } from '@/api/download';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';
import { Button } from './button';
import { ErrorNotice } from './error-notice';
import { type DownloadOptions, useCsvExport } from './use-csv-export';

export function ExportButton({
  download,
  label,
  fallbackName,
  disabled = false,
}: {
  download: (options: DownloadOptions) => Promise<Download>;
  label?: string;
  fallbackName?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { state, start, cancel } = useCsvExport(download, { fallbackName });
  const downloading = state.status === 'downloading';

  return (
    <div className="flex flex-col items-start gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" disabled={disabled || downloading} onClick={() => void start()}>
          {label ?? t('csvExport.button')}
        </Button>
        {downloading ? (
          <Button variant="ghost" onClick={cancel}>
            {t('csvExport.cancel')}
          </Button>
        ) : null}
      </div>
      <div role="status" className="text-sm text-gray-700 empty:sr-only">
        {downloading ? (
          <span className="flex items-center gap-2">
            <progress
              className="h-2 w-32"
              aria-label={t('csvExport.progressLabel')}
              {...(state.progress.total ? { value: state.progress.received, max: state.progress.total } : {})}
            />
            {state.progress.received === 0
              ? t('csvExport.preparing')
              : state.progress.total
                ? t('csvExport.progressOf', {
                    received: format.bytes(state.progress.received),
                    total: format.bytes(state.progress.total),
                  })
                : t('csvExport.progress', { received: format.bytes(state.progress.received) })}
          </span>
        ) : state.status === 'done' ? (
          <>
            {t('csvExport.done', { fileName: state.fileName, size: format.bytes(state.size) })}
            {state.truncated ? (
              <strong className="block text-amber-800">{t('csvExport.truncated')}</strong>
            ) : null}
          </>
        ) : null}
      </div>
      {state.status === 'failed' ? (
        <ErrorNotice error={state.error} onRetry={() => void start()} className="w-full" />
      ) : null}
    </div>
  );
}
