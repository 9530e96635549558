import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';

export function MerchantsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.merchants.title')} />
      <EmptyState title={t('pages.notBuiltYet')}>{t('pages.merchants.placeholder')}</EmptyState>
    </>
  );
}
