import { useSearchParams } from 'react-router';
import { canDo } from '@/app/roles';
import { PageHeader } from '@/components/page-header';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { SalesList } from '@/features/transactions/components/sales-list';
import { TransactionTabs } from '@/features/transactions/components/transaction-tabs';
import { useTranslation } from '@/i18n/use-translation';

export function TransactionsPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const [search] = useSearchParams();
  const all = search.get('voidable') === 'all';
  return (
    <>
      <PageHeader title={t('pages.transactions.title')} />
      <TransactionTabs voidReview={canDo(user.role, 'viewVoidPasswords')} />
      <p className="mb-4 max-w-prose text-sm text-gray-800">
        {t(all ? 'transactions.intro.all' : 'transactions.intro.voidable')}
      </p>
      <SalesList
        viewer={{ role: user.role, merchantIds: user.merchantIds, canExport: canDo(user.role, 'exportCsv') }}
      />
    </>
  );
}
