/**
 * The one decision for every HTTP request the console serves (pages, API routes, exports): allowed,
 * 401 (nobody signed in), 403 (signed in, the role may not), 404 (no such route) or 405 (the route
 * does not answer that method, whoever asks). Pure: the
 * custom server (auth/http-guard.ts) calls it before Next.js sees the request, and
 * test/roles-matrix.test.ts runs it over every route × role.
 */
import { can, isPublicAsset, routeRule, type Role } from '../contracts/roles';

export type Decision = 'allow' | 'unauthenticated' | 'forbidden' | 'not-found' | 'method-not-allowed';

const METHOD_OF: Record<string, 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'> = {
  GET: 'GET',
  HEAD: 'GET',
  POST: 'POST',
  PUT: 'PUT',
  PATCH: 'PATCH',
  DELETE: 'DELETE',
};

export function decide(method: string, pathname: string, role: Role | null): Decision {
  if (isPublicAsset(pathname))
    return method === 'GET' || method === 'HEAD' ? 'allow' : role ? 'forbidden' : 'unauthenticated';
  const rule = routeRule(pathname);
  // Next's other internals (/_next/data, dev's HMR) and unknown paths need a signed-in user; a
  // route file without a rule in contracts/roles.ts is never served (404 before Next sees it).
  if (!rule) return role === null ? 'unauthenticated' : pathname.startsWith('/_next/') ? 'allow' : 'not-found';
  const m = METHOD_OF[method];
  const access = m ? rule.methods[m] : undefined;
  if (access === 'public') return 'allow';
  if (role === null) return 'unauthenticated';
  if (access === undefined) return 'method-not-allowed';
  if (access === 'signed-in') return 'allow';
  return can(role, access) ? 'allow' : 'forbidden';
}

/** The Allow header of a 405: the methods the route's rule names (HEAD wherever GET is). */
export function allowedMethods(pathname: string): string {
  const methods = Object.keys(routeRule(pathname)?.methods ?? {});
  return (methods.includes('GET') ? [...methods, 'HEAD'] : methods).join(', ');
}

/** Where a page request without a session goes: the sign-in page, then back. */
export function signInRedirect(pathWithQuery: string): string {
  const back = pathWithQuery.startsWith('/') && !pathWithQuery.startsWith('//') ? pathWithQuery : '/';
  return back === '/' ? '/login' : `/login?next=${encodeURIComponent(back)}`;
}

/**
 * Cross-site request forgery: a mutation is refused when the browser says it comes from another
 * site (Origin not this host, or Sec-Fetch-Site cross-site). The session cookie is SameSite=Lax
 * as well; clients without a browser (curl, scripts) send neither header and are let through.
 */
export function crossSite(
  method: string,
  headers: { origin?: string | undefined; host?: string | undefined; secFetchSite?: string | undefined },
): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  if (headers.secFetchSite === 'cross-site') return true;
  if (!headers.origin) return false;
  try {
    return new URL(headers.origin).host !== headers.host;
  } catch {
    return true; // "null" or garbage
  }
}
