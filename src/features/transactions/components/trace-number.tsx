import { CopyButton } from '@/components/copy-button';
import { useTranslation } from '@/i18n/use-translation';

export function TraceNumber({ traceNo, size = 'md' }: { traceNo: string; size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1">
      <span
        className={`font-mono font-semibold tracking-wider text-gray-950 tabular-nums ${size === 'lg' ? 'text-3xl' : 'text-lg'}`}
      >
        {traceNo}
      </span>
      <CopyButton
        text={traceNo}
        label={t('transactions.copyTrace', { traceNo })}
        confirmation={t('transactions.traceCopied', { traceNo })}
      />
    </span>
  );
}
