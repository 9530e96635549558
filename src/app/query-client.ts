import { MutationCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { isApiError } from '@/api/errors';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** Re-read whatever the outcome: a refused or unanswered mutation may have changed them too. */
      invalidates?: readonly QueryKey[];
    };
  }
}

function isTransient(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return error.kind === 'network' || error.kind === 'timeout' || error.isServerError;
}

/**
 * Only when nothing is on screen yet; 4xx and network errors stay with the component, which knows what to
 * say.
 */
export function shouldThrowToBoundary(error: unknown, hasData: boolean): boolean {
  if (hasData) return false;
  if (!isApiError(error)) return true;
  return error.isServerError || error.kind === 'malformed';
}

export const MAX_QUERY_RETRIES = 2;

export interface QueryClientOptions {
  retryDelay?: number;
}

export function createQueryClient(options: QueryClientOptions = {}): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) => isTransient(error) && failureCount < MAX_QUERY_RETRIES,
        ...(options.retryDelay === undefined ? {} : { retryDelay: options.retryDelay }),
        throwOnError: (error, query) => shouldThrowToBoundary(error, query.state.data !== undefined),
        refetchOnWindowFocus: true,
      },
      mutations: {
        // A mutation may have happened even when it failed: never repeat it behind the user's back.
        retry: false,
      },
    },
    mutationCache: new MutationCache({
      // Not awaited: the mutation's outcome shows at once, the re-reads follow.
      onSettled: (_data, _error, _variables, _context, mutation) => {
        for (const queryKey of mutation.meta?.invalidates ?? []) {
          void queryClient.invalidateQueries({ queryKey });
        }
      },
    }),
  });
  return queryClient;
}
