import { createContext, type ReactNode, useContext } from 'react';
import type { User } from '@contract/schemas/auth';

const SignedInUserContext = createContext<User | null>(null);

/**
 * Not from the query: a component may re-render just after the session ended, before the guard does, and must
 * still see a user.
 */
export function SignedInUserProvider({ user, children }: { user: User; children: ReactNode }) {
  return <SignedInUserContext.Provider value={user}>{children}</SignedInUserContext.Provider>;
}

export function useSignedInUser(): User {
  const user = useContext(SignedInUserContext);
  if (!user) throw new Error('useSignedInUser is for components behind the session guard');
  return user;
}
