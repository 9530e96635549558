import { type MutationMeta, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { newIdempotencyKey } from '@/api/client';
import { type ApiError, isApiError } from '@/api/errors';

/**
 * Where one user action (send this change, this reset, this cancel) stands:
 * - `unknown`: the request may or may not have arrived (network lost, timeout, 5xx). It is
 *   never reported as success; the caller re-reads and may send the same action again.
 */
export type ActionState<T> =
  | { status: 'idle' }
  /** `checking`: sending again an action whose outcome was unknown (same key). */
  | { status: 'pending'; checking: boolean }
  | { status: 'succeeded'; result: T }
  | { status: 'failed'; error: unknown }
  | { status: 'unknown'; error: ApiError };

/**
 * Runs a mutation that carries an `Idempotency-Key`, one key per user action: the key is
 * made when the action is first sent and kept (in a ref, for the life of that attempt) while
 * its outcome is unknown, so "send again" is the same request and the server does it at most
 * once. A definite answer (success or refusal) ends the attempt: the next send is a new
 * action with a new key. A second send while one is in flight (double click) is ignored.
 *
 * Deliberately not `useMutation`: its cache would hold the variables (PINs, the account
 * password) and the result (a temporary PIN). Here they live only in this component's
 * state and in the request body; the mutation cache sees a mutation with neither, so its
 * `meta` (what to re-read) is handled as for any other mutation.
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

  /** Forgets the attempt: what comes next is a new action. */
  const reset = useCallback(() => {
    attemptKey.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, run, reset };
}
