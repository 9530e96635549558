import { useState } from 'react';
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

/**
 * The anchor of the latest real answer of a query: its `serverTime` (undefined while the query
 * shows placeholder data) and `dataUpdatedAt`. A new query showing the previous one's rows as
 * a placeholder has a `dataUpdatedAt` of 0, which would put "now" decades ahead: the anchor
 * stays on the last answer received until the new one arrives.
 */
export function useAnswerClockAnchor(
  serverTime: string | undefined,
  dataUpdatedAt: number,
): ServerClockAnchor | undefined {
  const [anchor, setAnchor] = useState<ServerClockAnchor | undefined>(undefined);
  if (
    serverTime !== undefined &&
    (anchor?.serverTime !== serverTime || anchor.receivedAt !== dataUpdatedAt)
  ) {
    const next = { serverTime, receivedAt: dataUpdatedAt };
    setAnchor(next);
    return next;
  }
  return anchor;
}
