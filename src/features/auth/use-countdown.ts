import { useNow } from '@/components/use-now';

/** Whole seconds left until `until` (epoch ms, browser clock), ticking each second; 0 when past or null. */
export function useCountdown(until: number | null, tickMs = 1000): number {
  const now = useNow(until !== null, tickMs);
  if (until === null) return 0;
  return Math.max(0, Math.ceil((until - now) / 1000));
}
