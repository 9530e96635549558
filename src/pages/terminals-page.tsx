import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';

export function TerminalsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.terminals.title')} />
      <EmptyState title={t('pages.notBuiltYet')}>{t('pages.terminals.placeholder')}</EmptyState>
    </>
  );
}
