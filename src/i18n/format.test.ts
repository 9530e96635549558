import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDate,
  businessDayStart,
  formatBytes,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatDuration,
  formatHourMinute,
  formatMoney,
  formatNumber,
  formatRelative,
  formatTime,
} from './format';

describe('formatMoney', () => {
  it('turns integer fen into yuan with the ¥ sign in both languages', () => {
    expect(formatMoney(1250, 'en')).toBe('¥12.50');
    expect(formatMoney(1250, 'zh-CN')).toBe('¥12.50');
  });

  it('groups thousands and keeps two decimals', () => {
    expect(formatMoney(123456789, 'en')).toBe('¥1,234,567.89');
    expect(formatMoney(123456789, 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatMoney(0, 'en')).toBe('¥0.00');
    expect(formatMoney(1, 'en')).toBe('¥0.01');
  });

  it('shows negative amounts (a void) with a minus sign', () => {
    expect(formatMoney(-1250, 'en')).toBe('-¥12.50');
  });

  it('has no float noise for amounts that are inexact in binary', () => {
    expect(formatMoney(30, 'en')).toBe('¥0.30');
    expect(formatMoney(1999999999, 'zh-CN')).toBe('¥19,999,999.99');
  });
});

describe('formatNumber', () => {
  it('groups by locale', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'zh-CN')).toBe('12,345');
  });
});

describe('dates and times in Asia/Shanghai', () => {
  // 03:04:05 UTC is 11:04:05 in Shanghai, whatever the machine's time zone.
  const instant = '2026-01-02T03:04:05Z';

  it('formats date and time in China Standard Time', () => {
    expect(formatDateTime(instant, 'zh-CN')).toBe('2026/01/02 11:04:05');
    expect(formatDateTime(instant, 'en')).toBe('Jan 02, 2026, 11:04:05');
  });

  it('crosses the date line the way Shanghai does', () => {
    // 20:00 UTC on the 1st is already the 2nd in Shanghai.
    expect(formatDate('2026-01-01T20:00:00Z', 'zh-CN')).toBe('2026/01/02');
    expect(formatDate('2026-01-01T20:00:00Z', 'en')).toBe('Jan 02, 2026');
  });

  it('formats a time of day with a 24-hour clock', () => {
    expect(formatTime('2026-01-02T15:00:00+08:00', 'en')).toBe('15:00:00');
    expect(formatTime(new Date('2026-01-02T15:00:00+08:00'), 'zh-CN')).toBe('15:00:00');
  });
});

describe('formatRelative', () => {
  const now = '2026-01-02T12:00:00+08:00';

  it('says how long ago, in the largest whole unit', () => {
    expect(formatRelative('2026-01-02T11:57:00+08:00', now, 'en')).toBe('3 min. ago');
    expect(formatRelative('2026-01-02T11:57:00+08:00', now, 'zh-CN')).toBe('3分钟前');
    expect(formatRelative('2026-01-02T09:00:00+08:00', now, 'en')).toBe('3 hr. ago');
    expect(formatRelative('2026-01-02T11:59:30+08:00', now, 'en')).toBe('30 sec. ago');
  });

  it('uses words for the nearest days and now', () => {
    expect(formatRelative('2026-01-01T10:00:00+08:00', now, 'en')).toBe('yesterday');
    expect(formatRelative('2026-01-01T10:00:00+08:00', now, 'zh-CN')).toBe('昨天');
    expect(formatRelative(now, now, 'en')).toBe('now');
    expect(formatRelative(now, now, 'zh-CN')).toBe('现在');
  });

  it('says how long until a future moment', () => {
    expect(formatRelative('2026-01-02T14:00:00+08:00', now, 'en')).toBe('in 2 hr.');
    expect(formatRelative('2026-01-02T14:00:00+08:00', now, 'zh-CN')).toBe('2小时后');
  });

  it('does not round up: 59 seconds is not a minute', () => {
    expect(formatRelative('2026-01-02T11:59:01+08:00', now, 'en')).toBe('59 sec. ago');
  });
});

describe('formatDuration', () => {
  it('says a length of time in its two largest units, rounded down, in both languages', () => {
    const ms = (h: number, m: number, s: number) => ((h * 60 + m) * 60 + s) * 1000;
    expect(formatDuration(ms(2, 5, 59), 'en')).toBe('2 hr 5 min');
    expect(formatDuration(ms(2, 5, 59), 'zh-CN')).toBe('2小时5分钟');
    expect(formatDuration(ms(0, 4, 30), 'en')).toBe('4 min 30 sec');
    expect(formatDuration(ms(0, 4, 30), 'zh-CN')).toBe('4分钟30秒');
    expect(formatDuration(ms(2, 0, 10), 'en')).toBe('2 hr');
    expect(formatDuration(ms(0, 0, 45) + 999, 'en')).toBe('45 sec');
    expect(formatDuration(ms(50, 0, 0), 'en')).toBe('2 days 2 hr');
  });

  it('never says a negative time left', () => {
    expect(formatDuration(-5000, 'en')).toBe('0 sec');
  });
});

describe('formatBytes', () => {
  it('says a download size in bytes, KB or MB', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(12_400, 'en')).toBe('12 kB');
    expect(formatBytes(1_450_000, 'en')).toBe('1.5 MB');
    expect(formatBytes(1_450_000, 'zh-CN')).toBe('1.5 MB');
  });
});

describe('business days (Asia/Shanghai)', () => {
  it('names the day of an instant as Shanghai sees it', () => {
    expect(businessDate('2026-01-01T16:30:00Z')).toBe('2026-01-02');
    expect(businessDate('2026-01-01T15:59:59Z')).toBe('2026-01-01');
  });

  it('starts a day at midnight +08:00 and counts days across month ends', () => {
    expect(businessDayStart('2026-03-01')).toBe('2026-03-01T00:00:00+08:00');
    expect(addBusinessDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addBusinessDays('2026-01-01', -13)).toBe('2025-12-19');
  });

  it('formats hours and minutes, and a day without the year', () => {
    expect(formatHourMinute('2026-01-02T15:00:00Z', 'en')).toBe('23:00');
    expect(formatDayMonth('2026-06-11T12:00:00+08:00', 'en')).toBe('Jun 11');
    expect(formatDayMonth('2026-06-11T12:00:00+08:00', 'zh-CN')).toBe('6月11日');
  });
});
