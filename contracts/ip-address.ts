/**
 * IP addresses and ranges (CIDR) as the console reads them from its own socket, from a trusted
 * proxy's X-Forwarded-For and from TRUSTED_PROXIES. Plain TypeScript (no node:net) so the config
 * schema can validate with it and the same rules hold everywhere.
 *
 * An IPv4-mapped IPv6 address (`::ffff:192.0.2.7`, what a dual-stack socket reports for an IPv4
 * client) is read as the IPv4 address: one client must have one address in the rate limiter and
 * in the audit log, whichever way it connected.
 */

export interface IpAddress {
  family: 4 | 6;
  /** The address as a 32- or 128-bit number. */
  value: bigint;
}

export interface IpRange extends IpAddress {
  /** Leading bits that must match (32 / 128 for a single address). */
  prefix: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

function parseV4(text: string): bigint | null {
  const m = V4.exec(text);
  if (!m) return null;
  let v = 0n;
  for (const part of m.slice(1)) {
    // "010" is octal to some parsers and decimal to others: refused, as Node's isIP refuses it.
    if (part.length > 1 && part.startsWith('0')) return null;
    const n = Number(part);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseV6(text: string): bigint | null {
  if (text.length > 45 || text.includes('%')) return null; // zone ids (fe80::1%eth0) never reach us from a proxy
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (s: string): number[] | null => {
    if (s === '') return [];
    const parts = s.split(':');
    const out: number[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseV4(p);
        if (v4 === null) return null;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (HEX_GROUP.test(p)) out.push(parseInt(p, 16));
      else return null;
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  // An embedded IPv4 part may only end the address.
  if (halves.length === 2 && halves[0]!.includes('.')) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((v, g) => (v << 16n) | BigInt(g), 0n);
}

/** The address of `text`, or null when it is not one (no port, no brackets, no zone). */
export function parseIp(text: string): IpAddress | null {
  const t = text.trim();
  const v4 = parseV4(t);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = parseV6(t);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: v6 & 0xffffffffn };
  return { family: 6, value: v6 };
}

/** The canonical text of an address: dotted IPv4, or IPv6 lower-case with the longest zero run as `::` (RFC 5952). */
export function formatIp(a: IpAddress): string {
  if (a.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((a.value >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((a.value >> BigInt((7 - i) * 16)) & 0xffffn));
  let best = -1;
  let bestLen = 1; // a single zero group is not shortened
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** `192.0.2.7`, `10.0.0.0/8`, `2001:db8::/32`, `::ffff:10.0.0.0/104` (read as 10.0.0.0/8); null when not one. */
export function parseIpRange(text: string): IpRange | null {
  const [addr, bits, ...rest] = text.trim().split('/');
  if (rest.length > 0 || addr === undefined) return null;
  const v6mapped = !V4.test(addr.trim()) && parseV6(addr.trim()) !== null;
  const a = parseIp(addr);
  if (!a) return null;
  const max = a.family === 4 ? 32 : 128;
  let prefix = max;
  if (bits !== undefined) {
    if (!/^\d{1,3}$/.test(bits)) return null;
    prefix = Number(bits);
    // A mapped IPv4 range is written with the 96 bits of ::ffff:0:0/96 in front.
    if (a.family === 4 && v6mapped) prefix -= 96;
    if (prefix < 0 || prefix > max) return null;
  }
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(max - prefix);
  return { family: a.family, value: a.value & mask, prefix };
}

export function inRange(a: IpAddress, r: IpRange): boolean {
  if (a.family !== r.family) return false;
  const max = a.family === 4 ? 32 : 128;
  const shift = BigInt(max - r.prefix);
  return a.value >> shift === r.value >> shift;
}

export const inAnyRange = (a: IpAddress, ranges: readonly IpRange[]): boolean => ranges.some((r) => inRange(a, r));

/** For tests and messages: a range as text. */
export const formatIpRange = (r: IpRange): string => `${formatIp(r)}/${r.prefix}`;
