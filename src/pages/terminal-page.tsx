import { useParams } from 'react-router';
import { canDo, canOpen, voidPasswordAccessOf } from '@/app/roles';
import { paths } from '@/config/paths';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { TerminalDetailView } from '@/features/devices/components/terminal-detail';
import { VoidPasswordActions } from '@/features/passwords/components/void-password-actions';

export function TerminalPage() {
  const { tid = '' } = useParams();
  const user = useSignedInUser();
  const access = voidPasswordAccessOf(user);
  return (
    <TerminalDetailView
      key={tid}
      tid={tid}
      merchantHref={canOpen(user.role, 'merchants') ? (mid) => paths.merchant(mid) : undefined}
      canRevokeCredential={canDo(user.role, 'revokeTerminalCredential')}
      canScheduleFirmware={canDo(user.role, 'scheduleFirmwareUpdate')}
      voidPasswordActions={
        access.canChange || access.canReset
          ? (terminal) => <VoidPasswordActions terminal={terminal} access={access} />
          : undefined
      }
    />
  );
}
