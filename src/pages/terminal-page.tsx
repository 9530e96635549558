import { useParams } from 'react-router';
import { canOpen } from '@/app/roles';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { TerminalDetailView } from '@/features/devices/components/terminal-detail';

export function TerminalPage() {
  const { tid = '' } = useParams();
  const { role } = useSignedInUser();
  return (
    <TerminalDetailView
      key={tid}
      tid={tid}
      merchantHref={canOpen(role, 'merchants') ? (mid) => `/merchants/${mid}` : undefined}
    />
  );
}
