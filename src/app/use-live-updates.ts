import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { withMessages } from '@/i18n/i18n';

/**
 * One live stream for the signed-in tab, open while it is mounted (the signed-in shell). Its code loads after
 * the first render: the stream is not needed to show the first rows (tests/build/size-budget.test.ts).
 */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let stop: (() => void) | null = null;
    let unmounted = false;
    // No words of its own: no message namespace to load with it.
    void withMessages([], () => import('./live-updates')).then(({ startLiveUpdates }) => {
      if (!unmounted) stop = startLiveUpdates(queryClient);
    });
    return () => {
      unmounted = true;
      stop?.();
    };
  }, [queryClient]);
}
