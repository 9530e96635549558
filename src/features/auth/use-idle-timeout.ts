import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiClient } from '@/api/client';
import * as authApi from '@/api/endpoints/auth';
import { useNow } from '@/components/use-now';
import { endSession, storeSession } from './api/session';
import { useIdleDeadline } from './idle-clock';

/** How long before the server's idle timeout the user is warned. */
export const IDLE_WARNING_MS = 60_000;

export interface IdleTimeoutState {
  /** Seconds until the server ends the session, or null without a session. */
  secondsLeft: number | null;
  /** In the last minute: time to ask the user. */
  warning: boolean;
}

/**
 * Follows the idle deadline second by second. When it passes, asks the server once more
 * (as background, so the check itself does not count as activity): another tab may have
 * kept the session alive. If not, the session ends here as well, with the "expired" reason.
 */
export function useIdleTimeout({ warnBeforeMs = IDLE_WARNING_MS, tickMs = 1000 } = {}): IdleTimeoutState {
  const deadline = useIdleDeadline();
  const queryClient = useQueryClient();
  const now = useNow(deadline !== null, tickMs);

  const msLeft = deadline ? deadline.expiresAt - now : null;
  const passed = msLeft !== null && msLeft <= 0;

  useEffect(() => {
    if (!passed) return;
    let cancelled = false;
    apiClient.call(authApi.session, { background: true }).then(
      (response) => {
        if (cancelled) return;
        if (Date.parse(response.idleExpiresAt) <= Date.parse(response.serverTime)) {
          endSession(queryClient, 'expired');
          return;
        }
        storeSession(queryClient, response);
      },
      () => {
        if (!cancelled) endSession(queryClient, 'expired');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [passed, queryClient]);

  return {
    secondsLeft: msLeft === null ? null : Math.max(0, Math.ceil(msLeft / 1000)),
    warning: msLeft !== null && msLeft > 0 && msLeft <= warnBeforeMs,
  };
}
