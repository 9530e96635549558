import { useQuery } from '@tanstack/react-query';
import { sessionQueries } from './queries';

export function useSession() {
  return useQuery(sessionQueries.current());
}
