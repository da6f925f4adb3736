/**
 * Who is really at the other end: the client's address and scheme, read from X-Forwarded-For and
 * X-Forwarded-Proto only when the socket's peer is a proxy listed in TRUSTED_PROXIES. Anyone can
 * send those headers; believing them from anyone would let a client pick the address the rate
 * limiter counts and the audit log records, and make a plain-HTTP request look like HTTPS.
 */
import { formatIp, inAnyRange, parseIp, type IpAddress, type IpRange } from '../contracts/ip-address';

/** More hops than any real chain of proxies: the rest of a longer header is not read. */
const MAX_HOPS = 32;

export interface ForwardedInput {
  /** The socket's peer (req.socket.remoteAddress). */
  peer: string | undefined;
  /** Whether the socket itself is TLS. */
  encrypted: boolean;
  forwardedFor: string | string[] | undefined;
  forwardedProto: string | string[] | undefined;
}

export interface ClientOrigin {
  ip: string | null;
  https: boolean;
}

const listOf = (h: string | string[] | undefined): string[] =>
  (Array.isArray(h) ? h.join(',') : (h ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** One X-Forwarded-For hop: an address, possibly with a port (`192.0.2.7:5123`, `[2001:db8::1]:443`). */
function hopAddress(hop: string): IpAddress | null {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(hop);
  if (bracketed) return parseIp(bracketed[1]!);
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(hop);
  return parseIp(v4port ? v4port[1]! : hop);
}

/**
 * The client of a request. From an untrusted peer (and with TRUSTED_PROXIES empty, from every
 * peer): the socket's address and TLS, forwarded headers ignored. From a trusted proxy: X-Forwarded-For
 * read from the right (each proxy appends the address it saw), skipping trusted proxies; the first
 * untrusted hop is the client. Everything left of it was written by the client itself and may be
 * forged. A hop that is not an address stops the walk at the last proxy that wrote a good one. The
 * scheme is the rightmost X-Forwarded-Proto value: the one the trusted proxy next to us set.
 */
export function clientOrigin(input: ForwardedInput, trusted: readonly IpRange[]): ClientOrigin {
  const peer = input.peer === undefined ? null : parseIp(input.peer);
  const direct: ClientOrigin = { ip: peer ? formatIp(peer) : (input.peer ?? null), https: input.encrypted };
  if (!peer || trusted.length === 0 || !inAnyRange(peer, trusted)) return direct;
  let client = peer;
  const hops = listOf(input.forwardedFor).slice(-MAX_HOPS);
  for (let i = hops.length - 1; i >= 0; i--) {
    const a = hopAddress(hops[i]!);
    if (!a) break;
    client = a;
    if (!inAnyRange(a, trusted)) break;
  }
  const proto = listOf(input.forwardedProto).at(-1)?.toLowerCase();
  return { ip: formatIp(client), https: input.encrypted || proto === 'https' };
}
