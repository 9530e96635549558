import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from '@/i18n/use-translation';
import { useFormat } from '@/i18n/use-format';

/**
 * "Time left until X" — a batch cutoff, a lockout's end, a command's expiry — from a
 * ticking server "now" (see use-server-now.ts), so it is right even when the browser
 * clock is not. It is a `timer` (not announced on every tick: a screen reader reads it when
 * the user gets there); the moment it reaches zero, `onExpire` runs once, e.g. to refetch or
 * announce it in a live region of the caller. Hover or long-press shows the exact time.
 */
export function Countdown({
  until,
  now,
  children,
  expired,
  onExpire,
  className = '',
}: {
  /** The deadline: an ISO timestamp of the server or epoch ms. */
  until: string | number;
  /** Server "now", epoch ms (`useServerNow`). */
  now: number;
  /** The words around the time left; default "{duration} left" / "剩余 {duration}". */
  children?: (duration: string) => ReactNode;
  /** Shown once the deadline has passed; default "time is up". */
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
