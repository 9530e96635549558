import { PageHeader } from '@/components/page-header';
import { AuditLog } from '@/features/audit/components/audit-log';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { useTranslation } from '@/i18n/use-translation';

export function AuditPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  return (
    <>
      <PageHeader title={t('pages.audit.title')} />
      <p className="mb-4 max-w-prose text-sm text-gray-800">{t('audit.intro')}</p>
      <AuditLog viewer={{ role: user.role, merchantIds: user.merchantIds }} />
    </>
  );
}
