import { useTranslation } from 'react-i18next';
import { canDo } from '@/app/roles';
import { PageHeader } from '@/components/page-header';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { FleetList } from '@/features/devices/components/fleet-list';

export function TerminalsPage() {
  const { t } = useTranslation();
  const { role } = useSignedInUser();
  return (
    <>
      <PageHeader title={t('pages.terminals.title')} />
      <FleetList
        selectable={canDo(role, 'manageVoidPasswords')}
        canExport={canDo(role, 'exportCsv')}
        showMerchant={role === 'support'}
      />
    </>
  );
}
