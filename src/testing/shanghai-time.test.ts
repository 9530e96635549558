import { describe, expect, it } from 'vitest';
import { todayInShanghaiAt } from './shanghai-time';

const shanghaiClock = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

describe('todayInShanghaiAt', () => {
  it('gives that time of the Shanghai day that holds the instant, even when the UTC day differs', () => {
    // 2026-11-26 01:30 in Shanghai is still 2026-11-25 in UTC.
    const realNow = Date.parse('2026-11-25T17:30:00Z');
    expect(new Date(todayInShanghaiAt('22:40', realNow)).toISOString()).toBe('2026-11-26T14:40:00.000Z');
    expect(new Date(todayInShanghaiAt('0:10', realNow)).toISOString()).toBe('2026-11-25T16:10:00.000Z');
  });

  it('refuses anything but HH:MM', () => {
    expect(() => todayInShanghaiAt('2pm')).toThrow('Expected HH:MM (Shanghai), got "2pm"');
  });
});

describe('the unit tests’ clock (src/testing/setup.ts)', () => {
  it('reads the chosen time of day in Shanghai, today, and keeps flowing', async () => {
    const chosen = process.env.TEST_SHANGHAI_TIME ?? '14:00';
    const start = Date.now();
    if (chosen !== 'real') {
      // This file started within a minute or two of the chosen time.
      expect(start - todayInShanghaiAt(chosen, start)).toBeGreaterThanOrEqual(0);
      expect(start - todayInShanghaiAt(chosen, start)).toBeLessThan(10 * 60_000);
      expect(shanghaiDay(new Date().getTime())).toBe(shanghaiDay(start));
      expect(shanghaiClock(new Date().getTime()).slice(0, 2)).toBe(chosen.padStart(5, '0').slice(0, 2));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Date.now()).toBeGreaterThan(start);
    expect(new Date(2026, 0, 1).getFullYear()).toBe(2026); // dates built from parts are untouched
  });
});
