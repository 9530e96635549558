import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { apiClient } from '@/api/client';
import * as authApi from '@contract/endpoints/auth';
import { endReasonOf, endSession, isNoSession, storeSession } from './api/session';

/**
 * Not background: opening a page is activity. A page without data still learns at once that the session
 * ended.
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
