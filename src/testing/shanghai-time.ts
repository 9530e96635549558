import { MINUTE, shanghaiMidnight } from '../mocks/sim/clock';

/**
 * `HH:MM` today in Shanghai (the acquirer's zone) as an instant: tests run "as if it were"
 * that time of day (`TEST_SHANGHAI_TIME` for the unit tests, `E2E_SHANGHAI_TIME` for e2e),
 * because the demo data and every deadline follow the clock.
 */
export function todayInShanghaiAt(time: string, realNow: number = Date.now()): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`Expected HH:MM (Shanghai), got "${time}"`);
  return shanghaiMidnight(realNow) + (Number(match[1]) * 60 + Number(match[2])) * MINUTE;
}
