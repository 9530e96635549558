import { type ReactNode, useEffect, useRef } from 'react';
import { useFormat } from '@/i18n/use-format';
import { useTranslation } from '@/i18n/use-translation';

// A `timer`, not announced on every tick: a screen reader reads it when the user gets there.
export function Countdown({
  until,
  now,
  children,
  expired,
  onExpire,
  className = '',
}: {
  until: string | number;
  /** `useServerNow`: the browser clock can be off. */
  now: number;
  children?: (duration: string) => ReactNode;
  expired?: ReactNode;
  onExpire?: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const deadline = typeof until === 'number' ? until : Date.parse(until);
  const left = deadline - now;
  const isOver = left <= 0;

  const onExpireRef = useRef(onExpire);
  useEffect(() => {
    onExpireRef.current = onExpire;
  }, [onExpire]);
  useEffect(() => {
    if (isOver) onExpireRef.current?.();
  }, [isOver]);

  const duration = format.duration(left);
  return (
    <time
      role="timer"
      dateTime={new Date(deadline).toISOString()}
      title={format.dateTime(deadline)}
      className={`tabular-nums ${className}`}
    >
      {isOver
        ? (expired ?? t('countdown.expired'))
        : children
          ? children(duration)
          : t('countdown.left', { duration })}
    </time>
  );
}
