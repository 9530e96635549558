import { useState } from 'react';
import { useNow } from './use-now';

/**
 * "Now" on the server's clock, ticking, for anything the user reads as time passing: "last
 * seen 3 min ago", "closes in 2 hr", "locked for 12 min more". The browser clock can be
 * minutes off; deadlines (cutoffs, lockouts) are the server's, so the offset between the
 * two is taken from a response's `serverTime` and the moment the browser received it.
 */

/** A server timestamp and when (browser clock, epoch ms) the response carrying it arrived. */
export interface ServerClockAnchor {
  serverTime: string;
  /** Browser time (epoch ms) the response arrived, e.g. a query's `dataUpdatedAt`. */
  receivedAt: number;
}

/** Milliseconds to add to the browser clock to get the server clock. */
export function serverClockOffset(anchor: ServerClockAnchor): number {
  const server = Date.parse(anchor.serverTime);
  return Number.isNaN(server) ? 0 : server - anchor.receivedAt;
}

/**
 * The server clock (epoch ms), re-read every `tickMs` (default each second), or null without
 * an anchor. Pass a query's data and `dataUpdatedAt`: `useServerNow(query.data && {
 * serverTime: query.data.serverTime, receivedAt: query.dataUpdatedAt })`. One hook per
 * screen is enough; hand the value down to rows instead of ticking in each.
 */
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
