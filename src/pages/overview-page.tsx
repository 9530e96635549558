import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { AlertList } from '@/features/alerts/components/alert-list';
import { useSignedInUser } from '@/features/auth/signed-in-user';

export function OverviewPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  return (
    <>
      <PageHeader title={t('pages.overview.title')} />
      <p className="mb-6 text-gray-800">{t('pages.overview.welcome', { name: user.name })}</p>
      <div className="space-y-6">
        <AlertList />
        <EmptyState title={t('pages.notBuiltYet')}>{t('pages.overview.placeholder')}</EmptyState>
      </div>
    </>
  );
}
