import { headers } from 'next/headers';
import { sessionUserSchema, USER_HEADER, type SessionUser } from '../../contracts/roles';

/** The signed-in user of the page being rendered, as the console server's guard passed it (auth/http-guard.ts). */
export async function currentUser(): Promise<SessionUser | null> {
  const raw = (await headers()).get(USER_HEADER);
  if (!raw) return null;
  try {
    const parsed = sessionUserSchema.safeParse(JSON.parse(decodeURIComponent(raw)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
