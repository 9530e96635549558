import { type MutationMeta, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { newIdempotencyKey } from '@/api/client';
import { type ApiError, isApiError } from '@/api/errors';

/** `unknown`: the request may or may not have arrived; never reported as success. */
export type ActionState<T> =
  | { status: 'idle' }
  | { status: 'pending'; checking: boolean }
  | { status: 'succeeded'; result: T }
  | { status: 'failed'; error: unknown }
  | { status: 'unknown'; error: ApiError };

/**
 * One Idempotency-Key per user action, kept while its outcome is unknown so "send again" is
 * done at most once. Not `useMutation`: its cache would hold the PINs and the temporary PIN.
 */
export function useIdempotentAction<Input, Result>(
  perform: (input: Input, idempotencyKey: string) => Promise<Result>,
  { meta }: { meta?: MutationMeta } = {},
) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ActionState<Result>>({ status: 'idle' });
  const attemptKey = useRef<string | null>(null);
  const inFlight = useRef(false);
  const mounted = useRef(true);
  const metaRef = useRef(meta);
  useEffect(() => {
    metaRef.current = meta;
  }, [meta]);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (input: Input): Promise<ActionState<Result> | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      const checking = attemptKey.current !== null;
      attemptKey.current ??= newIdempotencyKey();
      setState({ status: 'pending', checking });
      const idempotencyKey = attemptKey.current;
      let next: ActionState<Result>;
      try {
        let result: Result | undefined;
        await queryClient
          .getMutationCache()
          .build(queryClient, {
            mutationFn: async () => {
              result = await perform(input, idempotencyKey);
            },
            meta: metaRef.current,
            gcTime: 0,
            // Offline is an outcome to show (unknown), not a reason to wait.
            networkMode: 'always',
          })
          .execute(undefined);
        next = { status: 'succeeded', result: result as Result };
        attemptKey.current = null;
      } catch (error) {
        if (isApiError(error) && error.outcomeUnknown) {
          next = { status: 'unknown', error };
        } else {
          attemptKey.current = null;
          next = { status: 'failed', error };
        }
      } finally {
        inFlight.current = false;
      }
      if (mounted.current) setState(next);
      return next;
    },
    [perform, queryClient],
  );

  const reset = useCallback(() => {
    attemptKey.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, run, reset };
}
