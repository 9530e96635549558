// The live stream's health (decision 023), apart from the stream itself: the polls read it on every screen,
// while the stream's code (and the schemas it parses with) loads after the first screen has rendered.

export type LiveState = 'off' | 'connecting' | 'open' | 'down';

let state: LiveState = 'off';
const watchers = new Set<() => void>();

/** For the stream (live-events.ts) only. */
export function setLiveState(next: LiveState): void {
  if (next === state) return;
  state = next;
  for (const watcher of [...watchers]) watcher();
}

export const liveStatus = {
  get: (): LiveState => state,
  /** The stream is open: what polls would find arrives by it. */
  healthy: (): boolean => state === 'open',
  subscribe(watcher: () => void): () => void {
    watchers.add(watcher);
    return () => watchers.delete(watcher);
  },
};

/** How often a poll runs while the stream is open: a safety net only (an event missed, a proxy). */
export const LIVE_POLL_MS = 5 * 60_000;

/** The poll interval to use: `whenDown` without a healthy stream, the slow safety net with one. */
export function pollInterval(whenDown: number): number {
  return liveStatus.healthy() ? Math.max(whenDown, LIVE_POLL_MS) : whenDown;
}
