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
 * state and in the request body.
 */
export function useIdempotentAction<Input, Result>(
  perform: (input: Input, idempotencyKey: string) => Promise<Result>,
  { onSettled }: { onSettled?: (state: ActionState<Result>) => void } = {},
) {
  const [state, setState] = useState<ActionState<Result>>({ status: 'idle' });
  const attemptKey = useRef<string | null>(null);
  const inFlight = useRef(false);
  const mounted = useRef(true);
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
      let next: ActionState<Result>;
      try {
        next = { status: 'succeeded', result: await perform(input, attemptKey.current) };
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
      onSettled?.(next);
      return next;
    },
    [perform, onSettled],
  );

  /** Forgets the attempt: what comes next is a new action. */
  const reset = useCallback(() => {
    attemptKey.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, run, reset };
}
