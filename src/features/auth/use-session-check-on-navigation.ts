import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { apiClient } from '@/api/client';
import * as authApi from '@/api/endpoints/auth';
import { endReasonOf, endSession, isNoSession, storeSession } from './api/session';

/**
 * Asks the server whether the session is alive each time the user opens another page.
 * Opening a page is activity, so the call is not marked background: it restarts the idle
 * timer like any other user-initiated call. A page without data of its own still learns
 * at once that the session ended (e.g. after the computer slept), not at the next click.
 */
export function useSessionCheckOnNavigation(): void {
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const previous = useRef(pathname);

  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const controller = new AbortController();
    apiClient.call(authApi.session, { signal: controller.signal }).then(
      (response) => storeSession(queryClient, response),
      (error: unknown) => {
        // Other failures (offline, 5xx) say nothing about the session: the page shows its own.
        if (isNoSession(error)) endSession(queryClient, endReasonOf(error));
      },
    );
    return () => controller.abort();
  }, [pathname, queryClient]);
}
