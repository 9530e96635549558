import { useNow } from './use-now';

// The browser clock can be minutes off, and deadlines (cutoffs, lockouts) are the server's.

export interface ServerClockAnchor {
  serverTime: string;
  receivedAt: number;
}

export function serverClockOffset(anchor: ServerClockAnchor): number {
  const server = Date.parse(anchor.serverTime);
  return Number.isNaN(server) ? 0 : server - anchor.receivedAt;
}

// One hook per screen is enough; hand the value down to rows instead of ticking in each.
export function useServerNow(
  anchor: ServerClockAnchor | null | undefined,
  { tickMs = 1000 }: { tickMs?: number } = {},
): number | null {
  const now = useNow(Boolean(anchor), tickMs);
  if (!anchor) return null;
  return now + serverClockOffset(anchor);
}
