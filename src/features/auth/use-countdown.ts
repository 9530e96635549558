import { useNow } from '@/components/use-now';

export function useCountdown(until: number | null, tickMs = 1000): number {
  const now = useNow(until !== null, tickMs);
  if (until === null) return 0;
  return Math.max(0, Math.ceil((until - now) / 1000));
}
