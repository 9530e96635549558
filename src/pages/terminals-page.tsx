import { canDo, voidPasswordAccessOf } from '@/app/roles';
import { PageHeader } from '@/components/page-header';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { BulkFirmwareUpdateAction } from '@/features/devices/components/firmware-update';
import { FleetList } from '@/features/devices/components/fleet-list';
import { BulkResetAction } from '@/features/passwords/components/bulk-reset-action';
import { useTranslation } from '@/i18n/use-translation';

export function TerminalsPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const { role } = user;
  return (
    <>
      <PageHeader title={t('pages.terminals.title')} />
      <FleetList
        selectable={canDo(role, 'manageVoidPasswords')}
        bulkActions={(selection, { clear }) => (
          <>
            <BulkResetAction selection={selection} access={voidPasswordAccessOf(user)} onStarted={clear} />
            {canDo(role, 'scheduleFirmwareUpdate') ? (
              <BulkFirmwareUpdateAction selection={selection} onDone={clear} />
            ) : null}
          </>
        )}
        canExport={canDo(role, 'exportCsv')}
        showMerchant={role === 'support'}
        voidPasswords={canDo(role, 'viewVoidPasswords')}
      />
    </>
  );
}
