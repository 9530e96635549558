import { useQuery } from '@tanstack/react-query';
import type { User } from '@/api/schemas/auth';
import { sessionQueries } from './queries';

export function useSession() {
  return useQuery(sessionQueries.current());
}

/** The signed-in user, for components rendered behind the session guard. */
export function useSignedInUser(): User {
  const { data } = useSession();
  if (data?.status !== 'signed-in') throw new Error('useSignedInUser outside the session guard');
  return data.user;
}
