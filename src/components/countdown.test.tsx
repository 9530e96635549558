import { act, render, renderHook, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '@/i18n/i18n';
import { Countdown } from './countdown';
import { serverClockOffset, useServerNow } from './use-server-now';

beforeAll(async () => {
  await act(() => changeLanguage('en'));
});

describe('useServerNow', () => {
  it('runs on the server clock, whatever the browser clock says', () => {
    const receivedAt = Date.now();
    const serverTime = new Date(receivedAt + 5 * 60_000).toISOString(); // the browser is 5 min behind
    expect(serverClockOffset({ serverTime, receivedAt })).toBe(5 * 60_000);

    const { result } = renderHook(() => useServerNow({ serverTime, receivedAt }));
    expect(result.current! - Date.now()).toBeGreaterThanOrEqual(5 * 60_000 - 50);
    expect(result.current! - Date.now()).toBeLessThanOrEqual(5 * 60_000 + 50);
  });

  it('is null without a server time', () => {
    const { result } = renderHook(() => useServerNow(null));
    expect(result.current).toBeNull();
  });
});

describe('Countdown', () => {
  it('says the time left as a timer, and runs onExpire once at zero', () => {
    const onExpire = vi.fn();
    const now = Date.parse('2026-01-02T22:55:30+08:00');
    const { rerender } = render(
      <Countdown until="2026-01-02T23:00:00+08:00" now={now} onExpire={onExpire} />,
    );
    expect(screen.getByRole('timer')).toHaveTextContent('4 min 30 sec left');
    expect(screen.getByRole('timer')).toHaveAttribute('datetime', '2026-01-02T15:00:00.000Z');

    rerender(
      <Countdown until="2026-01-02T23:00:00+08:00" now={now + 270_000} onExpire={onExpire}>
        {(duration) => `closes in ${duration}`}
      </Countdown>,
    );
    expect(screen.getByRole('timer')).toHaveTextContent('Time is up');
    rerender(<Countdown until="2026-01-02T23:00:00+08:00" now={now + 271_000} onExpire={onExpire} />);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});
