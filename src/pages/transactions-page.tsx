import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';

export function TransactionsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.transactions.title')} />
      <EmptyState title={t('pages.notBuiltYet')}>{t('pages.transactions.placeholder')}</EmptyState>
    </>
  );
}
