import { useParams } from 'react-router';
import { canOpen, voidPasswordAccessOf } from '@/app/roles';
import { useSignedInUser } from '@/features/auth/signed-in-user';
import { passwordCommandQueries, terminalQueries } from '@/features/devices/api/queries';
import { TerminalDetailView } from '@/features/devices/components/terminal-detail';
import { VoidPasswordActions } from '@/features/passwords/components/void-password-actions';

/** What a void-password command changes on screen: the terminal (page and list) and its commands. */
const REFRESHED_BY_COMMANDS = [terminalQueries.all(), passwordCommandQueries.all()];

export function TerminalPage() {
  const { tid = '' } = useParams();
  const user = useSignedInUser();
  const access = voidPasswordAccessOf(user);
  return (
    <TerminalDetailView
      key={tid}
      tid={tid}
      merchantHref={canOpen(user.role, 'merchants') ? (mid) => `/merchants/${mid}` : undefined}
      voidPasswordActions={
        access.canChange || access.canReset
          ? (terminal) => (
              <VoidPasswordActions terminal={terminal} access={access} refreshes={REFRESHED_BY_COMMANDS} />
            )
          : undefined
      }
    />
  );
}
