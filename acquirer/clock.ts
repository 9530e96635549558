// Time keeps flowing, so a demo left open sees heartbeats and cutoffs happen.
export interface SimClock {
  now(): number;
  advance(ms: number): void;
  set(instant: number): void;
  /** What another process of the same database set (decision 021). */
  setOffset(ms: number): void;
  readonly offsetMs: number;
}

export function createSimClock(options: { realNow?: () => number; offsetMs?: number } = {}): SimClock {
  const realNow = options.realNow ?? (() => Date.now());
  let offsetMs = options.offsetMs ?? 0;
  return {
    now: () => realNow() + offsetMs,
    advance(ms) {
      offsetMs += Math.max(0, ms);
    },
    set(instant) {
      offsetMs = instant - realNow();
    },
    setOffset(ms) {
      offsetMs = ms;
    },
    get offsetMs() {
      return offsetMs;
    },
  };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// No daylight saving in China.
const SHANGHAI_OFFSET_MS = 8 * HOUR;

export function toIso(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

export function toHttpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

export function shanghaiMidnight(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY) * DAY - SHANGHAI_OFFSET_MS;
}

export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

// Strictly after: a sale made exactly at a cutoff belongs to the next batch.
export function nextCutoffAfter(ms: number, cutoffMinute: number): number {
  const candidate = shanghaiMidnight(ms) + cutoffMinute * MINUTE;
  return candidate > ms ? candidate : candidate + DAY;
}

export function cutoffIndex(ms: number, cutoffMinute: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS - cutoffMinute * MINUTE) / DAY);
}
