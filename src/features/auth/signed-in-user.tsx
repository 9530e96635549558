import { createContext, type ReactNode, useContext } from 'react';
import type { User } from '@/api/schemas/auth';

const SignedInUserContext = createContext<User | null>(null);

/**
 * The user as the session guard saw it. Components behind the guard read it from here, not
 * from the query: when the session ends, a component may re-render (e.g. for its own
 * mutation) a moment before the guard does, and must still see a user, not a crash.
 */
export function SignedInUserProvider({ user, children }: { user: User; children: ReactNode }) {
  return <SignedInUserContext.Provider value={user}>{children}</SignedInUserContext.Provider>;
}

export function useSignedInUser(): User {
  const user = useContext(SignedInUserContext);
  if (!user) throw new Error('useSignedInUser is for components behind the session guard');
  return user;
}
