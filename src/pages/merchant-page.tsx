import { useParams } from 'react-router';
import { canDo } from '@/app/roles';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { fleetViewSearch } from '@/features/devices/api/fleet-view';
import { FleetList } from '@/features/devices/components/fleet-list';
import { MerchantOverview } from '@/features/support/components/merchant-overview';

export function MerchantPage() {
  const { mid = '' } = useParams();
  const { role } = useSignedInUser();
  return (
    <MerchantOverview key={mid} mid={mid} storeHref={(storeId) => fleetViewSearch({ storeId })}>
      {(merchant) => (
        <FleetList
          merchantId={merchant.id}
          selectable={canDo(role, 'manageVoidPasswords')}
          canExport={canDo(role, 'exportCsv')}
        />
      )}
    </MerchantOverview>
  );
}
