import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';

export function AuditPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.audit.title')} />
      <EmptyState title={t('pages.notBuiltYet')}>{t('pages.audit.placeholder')}</EmptyState>
    </>
  );
}
