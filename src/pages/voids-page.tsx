import { canDo } from '@/app/roles';
import { PageHeader } from '@/components/page-header';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { TransactionTabs } from '@/features/transactions/components/transaction-tabs';
import { VoidsReview } from '@/features/transactions/components/voids-review';
import { useTranslation } from '@/i18n/use-translation';
import { ForbiddenPage } from './forbidden-page';

export function VoidsPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  if (!canDo(user.role, 'viewVoidPasswords')) return <ForbiddenPage />;
  return (
    <>
      <PageHeader title={t('pages.transactions.voidsTitle')} />
      <TransactionTabs voidReview />
      <p className="mb-4 max-w-prose text-sm text-gray-800">{t('transactions.intro.voids')}</p>
      <VoidsReview
        viewer={{ role: user.role, merchantIds: user.merchantIds, canExport: canDo(user.role, 'exportCsv') }}
      />
    </>
  );
}
