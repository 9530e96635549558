import { useTranslation } from '@/i18n/use-translation';

export function MockDataBadge() {
  const { t } = useTranslation();
  return (
    <span
      title={t('app.mockBadgeHint')}
      className="inline-flex items-center gap-1.5 rounded-full border border-amber-400 bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-950"
    >
      <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-amber-600" />
      <span>{t('app.mockBadge')}</span>
      <span className="sr-only">{t('app.mockBadgeHint')}</span>
    </span>
  );
}
