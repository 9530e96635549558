import { onlineManager, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { createQueryClient } from '@/app/query-client';
import { useIdempotentAction } from './use-idempotent-action';

function setup(perform: (pin: string, idempotencyKey: string) => Promise<string>) {
  const client = createQueryClient({ retryDelay: 0 });
  client.setQueryData(['terminals', 'detail', 'T1'], 'before');
  client.setQueryData(['alerts', 'list'], 'before');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const { result } = renderHook(
    () => useIdempotentAction(perform, { meta: { invalidates: [['terminals']] } }),
    { wrapper },
  );
  const invalidated = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
  return { client, result, invalidated };
}

describe('an idempotent action', () => {
  it('re-reads what it declares once it succeeds, and keeps its input and result out of the cache', async () => {
    const { client, result, invalidated } = setup(async (pin) => `temporary PIN for ${pin}`);

    await act(() => result.current.run('864209'));

    expect(result.current.state).toEqual({ status: 'succeeded', result: 'temporary PIN for 864209' });
    expect(invalidated(['terminals', 'detail', 'T1'])).toBe(true);
    expect(invalidated(['alerts', 'list'])).toBe(false);
    const cached = client
      .getMutationCache()
      .getAll()
      .map((mutation) => JSON.stringify([mutation.state.variables, mutation.state.data]));
    expect(cached.join()).not.toContain('864209');
  });

  it('re-reads them when the outcome is unknown, even offline, and sends again with the same key', async () => {
    const keys: string[] = [];
    const { result, invalidated } = setup(async (_pin, idempotencyKey) => {
      keys.push(idempotencyKey);
      if (keys.length === 1)
        throw new ApiError({ kind: 'network', code: 'client.network', outcomeUnknown: true });
      return 'done';
    });
    onlineManager.setOnline(false);
    try {
      await act(() => result.current.run('864209'));
    } finally {
      onlineManager.setOnline(true);
    }

    expect(result.current.state.status).toBe('unknown');
    expect(invalidated(['terminals', 'detail', 'T1'])).toBe(true);

    await act(() => result.current.run('864209'));
    expect(result.current.state).toEqual({ status: 'succeeded', result: 'done' });
    expect(keys[1]).toBe(keys[0]);
  });
});
