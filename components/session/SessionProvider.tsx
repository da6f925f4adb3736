'use client';
import { createContext, useContext, type ReactNode } from 'react';
import { can, type Capability, type SessionUser } from '../../contracts/roles';

const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in user for client components (null on the sign-in page). Hiding by role only; the server refuses. */
export function SessionProvider({ user, children }: { user: SessionUser | null; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

export const useSession = (): SessionUser | null => useContext(SessionContext);

export function useCan(cap: Capability): boolean {
  const user = useSession();
  return user !== null && can(user.role, cap);
}
