/**
 * Simulated time: real time plus an offset that the control surface moves. Time keeps
 * flowing (a demo left open sees heartbeats and cutoffs happen), and tests can jump
 * hours ahead or freeze it by passing their own `realNow`.
 */
export interface SimClock {
  now(): number;
  /** Moves simulated time forward (never backward). */
  advance(ms: number): void;
  /** Puts simulated time at an instant; time flows on from there. */
  set(instant: number): void;
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
    get offsetMs() {
      return offsetMs;
    },
  };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The acquirer keeps China Standard Time (UTC+8, no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * HOUR;

/** ISO-8601 with the +08:00 offset, as a Chinese acquirer answers. */
export function toIso(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** The HTTP `Date` header (IMF-fixdate, GMT). */
export function toHttpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Midnight (Asia/Shanghai) of the day that holds `ms`, as an instant. */
export function shanghaiMidnight(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY) * DAY - SHANGHAI_OFFSET_MS;
}

/** `YYYYMMDD` of the Shanghai day that holds `ms`. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * The first daily cutoff strictly after `ms`, for a cutoff at `cutoffMinute` minutes past
 * midnight Shanghai time. A sale made exactly at a cutoff belongs to the next batch.
 */
export function nextCutoffAfter(ms: number, cutoffMinute: number): number {
  const candidate = shanghaiMidnight(ms) + cutoffMinute * MINUTE;
  return candidate > ms ? candidate : candidate + DAY;
}

/** Counts daily cutoffs: increases by one at each cutoff instant (used for batch numbers). */
export function cutoffIndex(ms: number, cutoffMinute: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS - cutoffMinute * MINUTE) / DAY);
}
