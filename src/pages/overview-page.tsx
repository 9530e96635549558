import { PageHeader } from '@/components/page-header';
import { AlertList } from '@/features/alerts/components/alert-list';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { OverviewSummary } from '@/features/overview/components/overview-summary';
import { useTranslation } from '@/i18n/use-translation';

export function OverviewPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  return (
    <>
      <PageHeader title={t('pages.overview.title')} />
      <p className="mb-6 text-gray-800">{t('pages.overview.welcome', { name: user.name })}</p>
      <OverviewSummary alerts={<AlertList perMerchant={user.role === 'support'} />} />
    </>
  );
}
