import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiClient } from '@/api/client';
import * as authApi from '@contract/endpoints/auth';
import { useNow } from '@/components/use-now';
import { endSession, storeSession } from './api/session';
import { useIdleDeadline } from './idle-clock';

export const IDLE_WARNING_MS = 60_000;

export interface IdleTimeoutState {
  secondsLeft: number | null;
  warning: boolean;
}

/**
 * At the deadline the server is asked once more, in the background: another tab may have kept the session
 * alive.
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
