import { PageHeader } from '@/components/page-header';
import { MerchantSearch } from '@/features/support/components/merchant-search';
import { useTranslation } from '@/i18n/use-translation';

export function MerchantsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('pages.merchants.title')} />
      <MerchantSearch />
    </>
  );
}
