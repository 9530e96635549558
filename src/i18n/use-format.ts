import { useTranslation } from '@/i18n/use-translation';
import {
  formatBytes,
  formatList,
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

export function useFormat() {
  const { language } = useTranslation();
  return {
    language,
    money: (amountFen: number) => formatMoney(amountFen, language),
    number: (value: number) => formatNumber(value, language),
    dateTime: (value: Date | string | number) => formatDateTime(value, language),
    date: (value: Date | string | number) => formatDate(value, language),
    time: (value: Date | string | number) => formatTime(value, language),
    hourMinute: (value: Date | string | number) => formatHourMinute(value, language),
    dayMonth: (value: Date | string | number) => formatDayMonth(value, language),
    relative: (value: Date | string | number, now: Date | string | number) =>
      formatRelative(value, now, language),
    duration: (ms: number) => formatDuration(ms, language),
    bytes: (bytes: number) => formatBytes(bytes, language),
    /** Items one after another, in the language's punctuation: "A, B" / "A、B". */
    list: (items: readonly string[]) => formatList(items, language),
  };
}
