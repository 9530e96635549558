import { useParams } from 'react-router';
import { canDo, voidPasswordAccessOf } from '@/app/roles';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { fleetViewSearch } from '@/features/devices/api/fleet-view';
import { FleetList } from '@/features/devices/components/fleet-list';
import { BulkResetAction } from '@/features/passwords/components/bulk-reset-action';
import { MerchantOverview } from '@/features/support/components/merchant-overview';

export function MerchantPage() {
  const { mid = '' } = useParams();
  const user = useSignedInUser();
  const { role } = user;
  return (
    <MerchantOverview key={mid} mid={mid} storeHref={(storeId) => fleetViewSearch({ storeId })}>
      {(merchant) => (
        <FleetList
          merchantId={merchant.id}
          selectable={canDo(role, 'manageVoidPasswords')}
          bulkActions={(selection, { clear }) => (
            <BulkResetAction selection={selection} access={voidPasswordAccessOf(user)} onStarted={clear} />
          )}
          canExport={canDo(role, 'exportCsv')}
          voidPasswords={canDo(role, 'viewVoidPasswords')}
        />
      )}
    </MerchantOverview>
  );
}
