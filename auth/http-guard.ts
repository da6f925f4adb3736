/**
 * In front of Next.js on the console's HTTP server: every request (page, API route, export, Next's
 * data) passes here first. It removes any x-cityops-* header the client sent, finds the signed-in
 * user from the session cookie, applies the one decision (auth/guard.ts), refuses cross-site
 * mutations, sets the security headers, and hands Next the user, the client's address and the
 * scheme as x-cityops-* headers that only this code can set.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  API_ERRORS,
  PROBLEM_CONTENT_TYPE,
  problemBody,
  type ApiErrorCode,
  type ProblemInit,
} from '../contracts/api-errors';
import type { IpRange } from '../contracts/ip-address';
import type { Logger } from '../contracts/logger';
import { isPublicAsset, REQUEST_ID_HEADER, USER_HEADER, type SessionUser } from '../contracts/roles';
import type { AuthService, RequestInfo } from './accounts';
import { clientOrigin } from './forwarded';
import { allowedMethods, crossSite, decide, signInRedirect } from './guard';

export const IP_HEADER = 'x-cityops-ip';
export const HTTPS_HEADER = 'x-cityops-https';
/**
 * Where a signed-in user's unknown page goes: a path no page of app/ matches, so Next renders
 * app/not-found.tsx (in Vietnamese, with the navigation) with its 404, never raw JSON.
 */
export const NOT_FOUND_PAGE_PATH = '/_cityops/not-found';

const FORBIDDEN_PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>403</title></head>
<body style="font-family:system-ui;margin:4rem"><h1>403</h1><p>Tài khoản của bạn không có quyền xem trang này.</p>
<p lang="en">Your account may not open this page.</p><p><a href="/">Trang chủ / Home</a> · <a href="/login">Đăng nhập tài khoản khác / Sign in as someone else</a></p></body></html>`;

/**
 * The client's address and scheme (X-Forwarded-* believed only from a proxy in `trusted`,
 * auth/forwarded.ts): what the rate limiter counts, the audit log records and the Secure cookie
 * and HSTS follow.
 */
export function requestInfo(req: IncomingMessage, trusted: readonly IpRange[] = []): RequestInfo {
  const origin = clientOrigin(
    {
      peer: req.socket.remoteAddress,
      encrypted: (req.socket as { encrypted?: boolean }).encrypted === true,
      forwardedFor: req.headers['x-forwarded-for'],
      forwardedProto: req.headers['x-forwarded-proto'],
    },
    trusted,
  );
  const ua = req.headers['user-agent'];
  return { ip: origin.ip, userAgent: typeof ua === 'string' ? ua : null, https: origin.https };
}

/**
 * The Content-Security-Policy of a response. Scripts: only this site's, those carrying this
 * response's nonce, and what they load ('strict-dynamic'); Next.js reads the nonce from the same
 * header on the request and puts it on its own scripts. The map's worker is a blob: URL
 * (maplibre); styles are inline (charts, map) but cannot run code. Camera streams (HLS), snapshots
 * and an online map style may come from any http(s) origin the registry or the config names, so
 * media, images and connections are not limited to this site.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "media-src 'self' blob: http: https:",
    "connect-src 'self' ws: wss: http: https:",
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    // The console is never framed by another site (clickjacking on acknowledge buttons).
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
}

function securityHeaders(req: IncomingMessage, res: ServerResponse, https: boolean): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  const policy = contentSecurityPolicy(randomBytes(16).toString('base64'));
  res.setHeader('Content-Security-Policy', policy);
  req.headers['content-security-policy'] = policy;
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

/** A refusal as the route handlers answer theirs: a problem of the catalogue (contracts/api-errors.ts). */
function problem(
  res: ServerResponse,
  code: ApiErrorCode,
  init: ProblemInit = {},
  headers: Record<string, string> = {},
  requestId?: string,
): void {
  res.writeHead(API_ERRORS[code].status, {
    'content-type': PROBLEM_CONTENT_TYPE,
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(problemBody(code, init, requestId)));
}

export interface GuardOptions {
  /** Only the two calls the guard makes, so a test can hand it a small fake. */
  auth: Pick<AuthService, 'fromCookie' | 'secure'>;
  trustedProxies?: readonly IpRange[];
  log: Logger;
}

/**
 * What is logged when the session store fails: the request id (which the 503's body and
 * X-Request-Id carry, so a report from a user finds the line), the method and the path without
 * its query, and the error's class, code and message. Never the cookie, the client's address,
 * its user agent or the query string: they name or identify a person, and logs are shipped and kept.
 */
function logUnavailable(log: Logger, requestId: string, method: string, pathname: string, err: unknown): void {
  const e = err instanceof Error ? (err as Error & { code?: unknown }) : null;
  log.error(
    {
      requestId,
      method,
      path: pathname,
      code: 'unavailable',
      err: e
        ? { type: e.name, code: typeof e.code === 'string' ? e.code : undefined, message: e.message }
        : { type: typeof err },
    },
    'request guard: the session could not be read (database did not answer)',
  );
}

/** Answers the request if it is refused and returns false; otherwise prepares it for Next and returns true. */
export async function guardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  { auth, trustedProxies = [], log }: GuardOptions,
): Promise<boolean> {
  // Also any Content-Security-Policy request header: Next would take its nonce for its scripts.
  for (const h of Object.keys(req.headers))
    if (h.startsWith('x-cityops-') || h === 'content-security-policy') delete req.headers[h];
  const requestId = randomUUID();
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader('X-Request-Id', requestId);
  const info = requestInfo(req, trustedProxies);
  securityHeaders(req, res, auth.secure(info));
  const url = req.url ?? '/';
  let pathname: string;
  try {
    pathname = decodeURI(new URL(url, 'http://x').pathname);
  } catch {
    problem(res, 'bad_request', { problems: ['url: not a valid path'] });
    return false;
  }
  const method = req.method ?? 'GET';
  const api = pathname.startsWith('/api/');
  if (
    crossSite(method, {
      origin: req.headers.origin,
      host: req.headers.host,
      secFetchSite: req.headers['sec-fetch-site'] as string | undefined,
    })
  ) {
    problem(res, 'cross_site');
    return false;
  }
  // Static assets are public: no database lookup for the dozens of chunks a page loads.
  if ((method === 'GET' || method === 'HEAD') && isPublicAsset(pathname)) return true;
  let user: SessionUser | null = null;
  try {
    user = (await auth.fromCookie(req.headers.cookie))?.user ?? null;
  } catch (err) {
    logUnavailable(log, requestId, method, pathname, err);
    // A 5xx names its request id in the body too, as the route handlers' do (app/api/handler.ts).
    problem(
      res,
      'unavailable',
      { detail: 'the database did not answer: the session could not be read' },
      {},
      requestId,
    );
    return false;
  }
  const decision = decide(method, pathname, user?.role ?? null);
  if (decision === 'unauthenticated') {
    if (api || method !== 'GET') problem(res, 'unauthenticated');
    else {
      res.writeHead(303, { location: signInRedirect(url), 'cache-control': 'no-store' });
      res.end();
    }
    return false;
  }
  if (decision === 'forbidden') {
    if (api || method !== 'GET') problem(res, 'forbidden');
    else {
      res.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(FORBIDDEN_PAGE);
    }
    return false;
  }
  if (decision === 'method-not-allowed') {
    problem(
      res,
      'method_not_allowed',
      { detail: `${pathname} answers ${allowedMethods(pathname)}, not ${method}` },
      { allow: allowedMethods(pathname) },
    );
    return false;
  }
  if (decision === 'not-found') {
    if (api || (method !== 'GET' && method !== 'HEAD')) {
      problem(res, 'not_found', { detail: `no route ${pathname}` });
      return false;
    }
    req.url = NOT_FOUND_PAGE_PATH;
  }
  if (user) req.headers[USER_HEADER] = encodeURIComponent(JSON.stringify(user));
  if (info.ip) req.headers[IP_HEADER] = info.ip;
  if (info.https) req.headers[HTTPS_HEADER] = '1';
  return true;
}
