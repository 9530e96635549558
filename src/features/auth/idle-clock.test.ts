import { describe, expect, it, vi } from 'vitest';
import { createIdleClock } from './idle-clock';

describe('idle clock', () => {
  it('puts the server deadline on the browser clock, correcting the clock offset', () => {
    const clock = createIdleClock();
    // The server clock is 5 minutes ahead of the browser's.
    const browserNow = Date.parse('2026-01-02T10:00:00Z');
    clock.start('2026-01-02T10:20:00Z', '2026-01-02T10:05:00Z', browserNow);
    expect(clock.get()).toEqual({ expiresAt: Date.parse('2026-01-02T10:15:00Z'), idleMs: 15 * 60_000 });
  });

  it('restarts the full idle period on activity', () => {
    const clock = createIdleClock();
    clock.start('2026-01-02T10:15:00Z', '2026-01-02T10:00:00Z', Date.parse('2026-01-02T10:00:00Z'));
    clock.touch(Date.parse('2026-01-02T10:10:00Z'));
    expect(clock.get()?.expiresAt).toBe(Date.parse('2026-01-02T10:25:00Z'));
  });

  it('ignores activity without a session and forgets the deadline on reset', () => {
    const clock = createIdleClock();
    clock.touch(1000);
    expect(clock.get()).toBeNull();
    clock.start('2026-01-02T10:15:00Z', '2026-01-02T10:00:00Z');
    const listener = vi.fn();
    clock.subscribe(listener);
    clock.reset();
    expect(clock.get()).toBeNull();
    expect(listener).toHaveBeenCalledOnce();
  });
});
