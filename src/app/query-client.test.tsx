import { QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import { createQueryClient, shouldThrowToBoundary } from './query-client';

const serverError = () => new ApiError({ kind: 'http', status: 503, code: 'unavailable' });
const notFound = () => new ApiError({ kind: 'http', status: 404, code: 'not_found' });
const offline = () => new ApiError({ kind: 'network', code: 'client.network' });

function wrapperFor(client: ReturnType<typeof createQueryClient>) {
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
}

describe('query client defaults', () => {
  it.each([
    ['network', offline],
    ['server', serverError],
  ])('retries a query on %s errors, at most twice', async (_kind, error) => {
    const client = createQueryClient({ retryDelay: 0 });
    const queryFn = vi.fn().mockRejectedValue(error());
    const { result } = renderHook(() => useQuery({ queryKey: ['x'], queryFn, throwOnError: false }), {
      wrapper: wrapperFor(client),
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(queryFn).toHaveBeenCalledTimes(3);
  });

  it('does not retry a 4xx', async () => {
    const client = createQueryClient({ retryDelay: 0 });
    const queryFn = vi.fn().mockRejectedValue(notFound());
    const { result } = renderHook(() => useQuery({ queryKey: ['y'], queryFn, throwOnError: false }), {
      wrapper: wrapperFor(client),
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(queryFn).toHaveBeenCalledTimes(1);
  });

  it('never retries a mutation', async () => {
    const client = createQueryClient({ retryDelay: 0 });
    const mutationFn = vi.fn().mockRejectedValue(serverError());
    const { result } = renderHook(() => useMutation({ mutationFn }), { wrapper: wrapperFor(client) });
    result.current.mutate();
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(mutationFn).toHaveBeenCalledTimes(1);
  });

  it('invalidates the query-key prefixes a mutation declares in meta', async () => {
    const client = createQueryClient({ retryDelay: 0 });
    client.setQueryData(['terminals', 'list', { page: 1 }], 'old');
    client.setQueryData(['alerts', 'list'], 'old');
    const { result } = renderHook(
      () => useMutation({ mutationFn: async () => 'ok', meta: { invalidates: [['terminals']] } }),
      { wrapper: wrapperFor(client) },
    );
    result.current.mutate();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(client.getQueryState(['terminals', 'list', { page: 1 }])?.isInvalidated).toBe(true);
    expect(client.getQueryState(['alerts', 'list'])?.isInvalidated).toBe(false);
  });

  it('invalidates them after a failed mutation too: a refused or unanswered one may have changed them', async () => {
    const client = createQueryClient({ retryDelay: 0 });
    client.setQueryData(['terminals', 'detail', 'T1'], 'old');
    const { result } = renderHook(
      () =>
        useMutation({
          mutationFn: () => Promise.reject(offline()),
          meta: { invalidates: [['terminals']] },
        }),
      { wrapper: wrapperFor(client) },
    );
    result.current.mutate();
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(client.getQueryState(['terminals', 'detail', 'T1'])?.isInvalidated).toBe(true);
  });

  it('sends 5xx, unreadable answers and bugs to the error boundary, but only without data', () => {
    expect(shouldThrowToBoundary(serverError(), false)).toBe(true);
    expect(
      shouldThrowToBoundary(new ApiError({ kind: 'malformed', code: 'client.malformed_response' }), false),
    ).toBe(true);
    expect(shouldThrowToBoundary(new TypeError('bug'), false)).toBe(true);
    expect(shouldThrowToBoundary(serverError(), true)).toBe(false);
    expect(shouldThrowToBoundary(notFound(), false)).toBe(false);
    expect(shouldThrowToBoundary(offline(), false)).toBe(false);
  });
});
