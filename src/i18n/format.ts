import type { Language } from './languages';

export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.ListFormat;
const cache = new Map<string, Formatter>();

function cached<T extends Formatter>(key: string, create: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = create();
    cache.set(key, formatter);
  }
  return formatter;
}

// Narrow symbol in every language: "¥", not "CN¥".
export function formatMoney(amountFen: number, language: Language): string {
  const formatter = cached(
    `money:${language}`,
    () =>
      new Intl.NumberFormat(language, {
        style: 'currency',
        currency: 'CNY',
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }),
  );
  return formatter.format(yuanOf(amountFen));
}

// `fen / 100` is a float, off by a cent beyond about ¥10¹³ (and "-0.00"); a decimal string is exact.
function yuanOf(amountFen: number): `${number}` {
  const fen = BigInt(Math.round(amountFen));
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}` as `${number}`;
}

export function formatNumber(value: number, language: Language): string {
  return cached(`number:${language}`, () => new Intl.NumberFormat(language)).format(value);
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

type DateInput = Date | string | number;

const DATE_STYLES = {
  datetime: (language: Language): Intl.DateTimeFormatOptions => ({
    ...DATE_STYLES.date(language),
    ...DATE_STYLES.time(),
  }),
  date: (language: Language): Intl.DateTimeFormatOptions => ({
    year: 'numeric',
    month: language === 'en' ? 'short' : '2-digit',
    day: '2-digit',
  }),
  time: (): Intl.DateTimeFormatOptions => ({ ...DATE_STYLES.hm(), second: '2-digit' }),
  hm: (): Intl.DateTimeFormatOptions => ({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  daymonth: (): Intl.DateTimeFormatOptions => ({ month: 'short', day: 'numeric' }),
} satisfies Record<string, (language: Language) => Intl.DateTimeFormatOptions>;

function formatInBusinessZone(style: keyof typeof DATE_STYLES, value: DateInput, language: Language): string {
  return cached(
    `${style}:${language}`,
    () =>
      new Intl.DateTimeFormat(language, { timeZone: BUSINESS_TIME_ZONE, ...DATE_STYLES[style](language) }),
  ).format(toDate(value));
}

export function formatDateTime(value: DateInput, language: Language): string {
  return formatInBusinessZone('datetime', value, language);
}

export function formatDate(value: DateInput, language: Language): string {
  return formatInBusinessZone('date', value, language);
}

export function formatTime(value: DateInput, language: Language): string {
  return formatInBusinessZone('time', value, language);
}

export function formatHourMinute(value: DateInput, language: Language): string {
  return formatInBusinessZone('hm', value, language);
}

export function formatDayMonth(value: DateInput, language: Language): string {
  return formatInBusinessZone('daymonth', value, language);
}

// Whole days added to noon never cross into another date.
function businessNoon(date: string): Date {
  return new Date(`${date}T12:00:00+08:00`);
}

export function businessDate(value: Date | string | number): string {
  // en-CA writes dates as YYYY-MM-DD.
  return cached(
    'businessDate',
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: BUSINESS_TIME_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  ).format(toDate(value));
}

export function businessDayStart(date: string): string {
  return `${date}T00:00:00+08:00`;
}

export function addBusinessDays(date: string, days: number): string {
  return businessDate(businessNoon(date).getTime() + days * 86_400_000);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** Pass server time as `now` where it matters. */
export function formatRelative(
  value: Date | string | number,
  now: Date | string | number,
  language: Language,
): string {
  const formatter = cached(
    `relative:${language}`,
    () => new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' }),
  );
  const diff = toDate(value).getTime() - toDate(now).getTime();
  const abs = Math.abs(diff);
  for (const [unit, ms] of UNITS) {
    if (abs >= ms || unit === 'second') {
      // Truncate toward zero: 59 s ago is "59 sec. ago", not "1 min. ago".
      const amount = Math.trunc(diff / ms);
      return formatter.format(amount === 0 ? 0 : amount, unit);
    }
  }
  return formatter.format(0, 'second');
}

const DURATION_UNITS: ['day' | 'hour' | 'minute' | 'second', number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

// The two largest units, rounded down, never negative: "2 hr 5 min", "2 hr" (not "2 hr 0 min").
export function formatDuration(ms: number, language: Language): string {
  let rest = Math.max(0, Math.floor(ms / 1000)) * 1000;
  const largest = DURATION_UNITS.findIndex(([, size]) => rest >= size);
  const start = largest === -1 ? DURATION_UNITS.length - 1 : largest;
  const parts: string[] = [];
  for (const [unit, size] of DURATION_UNITS.slice(start, start + 2)) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (parts.length > 0 && amount === 0) continue;
    const formatter = cached(
      `unit:${unit}:${language}`,
      () => new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }),
    );
    parts.push(formatter.format(amount));
  }
  const list = cached(
    `units:${language}`,
    () => new Intl.ListFormat(language, { type: 'unit', style: 'narrow' }),
  );
  return list.format(parts);
}

export function formatList(items: readonly string[], language: Language): string {
  const list = cached(
    `list:${language}`,
    () => new Intl.ListFormat(language, { type: 'conjunction', style: 'narrow' }),
  );
  return list.format(items);
}

// Decimal units, as browsers show downloads.
export function formatBytes(bytes: number, language: Language): string {
  const [unit, size] =
    bytes >= 1_000_000
      ? (['megabyte', 1_000_000] as const)
      : bytes >= 1000
        ? (['kilobyte', 1000] as const)
        : (['byte', 1] as const);
  const formatter = cached(
    `bytes:${unit}:${language}`,
    () =>
      new Intl.NumberFormat(language, {
        style: 'unit',
        unit,
        unitDisplay: 'short',
        maximumFractionDigits: unit === 'megabyte' ? 1 : 0,
      }),
  );
  return formatter.format(bytes / size);
}
