import { MINUTE, shanghaiMidnight } from '@acquirer/clock';

// The demo data and every deadline follow the clock, so tests run "as if it were" a chosen time.
export function todayInShanghaiAt(time: string, realNow: number = Date.now()): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`Expected HH:MM (Shanghai), got "${time}"`);
  return shanghaiMidnight(realNow) + (Number(match[1]) * 60 + Number(match[2])) * MINUTE;
}
