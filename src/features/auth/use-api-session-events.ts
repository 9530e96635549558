import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiClient } from '@/api/client';
import { endReasonOf, endSession, type Session, sessionKeys } from './api/session';
import { idleClock } from './idle-clock';

export function useApiSessionEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    apiClient.setEvents({
      onSessionEnded: (error) => {
        const session = queryClient.getQueryData<Session>(sessionKeys.current());
        // A late answer after sign-out must not replace "you signed out" with "session ended".
        if (session?.status === 'signed-in') endSession(queryClient, endReasonOf(error));
      },
      onActivity: () => idleClock.touch(),
    });
    return () => apiClient.setEvents({ onSessionEnded: undefined, onActivity: undefined });
  }, [queryClient]);
}
