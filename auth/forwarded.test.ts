import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, test } from 'node:test';
import { loadConfig } from '../contracts/config';
import { formatIp, inRange, parseIp, parseIpRange, type IpRange } from '../contracts/ip-address';
import { clientOrigin, type ForwardedInput } from './forwarded';
import { requestInfo } from './http-guard';

const ranges = (...list: string[]): IpRange[] =>
  list.map((s) => {
    const r = parseIpRange(s);
    assert.ok(r, s);
    return r;
  });
const canon = (s: string) => {
  const a = parseIp(s);
  return a ? formatIp(a) : null;
};
const via = (peer: string, forwardedFor?: string, forwardedProto?: string, encrypted = false): ForwardedInput => ({
  peer,
  encrypted,
  forwardedFor,
  forwardedProto,
});

describe('IP addresses and ranges', () => {
  test('IPv4, IPv6 and IPv4-mapped IPv6 read to one canonical text', () => {
    assert.equal(canon('192.0.2.7'), '192.0.2.7');
    assert.equal(canon('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(canon('::FFFF:c000:0207'), '192.0.2.7');
    assert.equal(canon('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
    assert.equal(canon('2001:db8:0:1:0:0:0:1'), '2001:db8:0:1::1');
    assert.equal(canon('::1'), '::1');
    assert.equal(canon('::'), '::');
    assert.equal(canon('fe80::'), 'fe80::');
    assert.equal(canon('1:0:0:2:0:0:0:3'), '1:0:0:2::3');
    assert.equal(canon('64:ff9b::192.0.2.33'), '64:ff9b::c000:221');
  });

  test('what is not an address is refused', () => {
    for (const bad of [
      '',
      'unknown',
      '256.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      '010.1.1.1',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      'fe80::1%eth0',
      '12345::',
      '1.2.3.4:80',
      '[::1]',
      '::ffff:1.2.3.256',
      '1.2.3.4::',
      ' ; DROP TABLE audit_log',
    ])
      assert.equal(parseIp(bad), null, bad);
  });

  test('CIDR ranges, IPv4 and IPv6, host bits ignored; a mapped IPv4 range reads as IPv4', () => {
    const [ten, host, v6, mapped] = ranges('10.0.0.0/8', '192.0.2.7', '2001:db8::/32', '::ffff:172.16.0.0/108');
    assert.ok(inRange(parseIp('10.255.1.2')!, ten!));
    assert.ok(!inRange(parseIp('11.0.0.1')!, ten!));
    assert.ok(inRange(parseIp('::ffff:10.1.2.3')!, ten!), 'a mapped client address is the IPv4 one');
    assert.ok(inRange(parseIp('192.0.2.7')!, host!));
    assert.ok(!inRange(parseIp('192.0.2.8')!, host!));
    assert.ok(inRange(parseIp('2001:db8:ffff::9')!, v6!));
    assert.ok(!inRange(parseIp('2001:db9::1')!, v6!));
    assert.ok(!inRange(parseIp('10.0.0.1')!, v6!), 'families never match');
    assert.deepEqual([mapped!.family, mapped!.prefix], [4, 12]);
    assert.ok(inRange(parseIp('172.31.0.1')!, mapped!));
    assert.deepEqual(ranges('10.1.2.3/8')[0], ranges('10.0.0.0/8')[0]);
    assert.ok(inRange(parseIp('8.8.8.8')!, ranges('0.0.0.0/0')[0]!));
    for (const bad of [
      '10.0.0.0/33',
      '2001:db8::/129',
      '10.0.0.0/',
      '10.0.0.0/8/8',
      '10.0.0.0/-1',
      'x/8',
      '::ffff:10.0.0.0/95',
    ])
      assert.equal(parseIpRange(bad), null, bad);
  });

  test('TRUSTED_PROXIES: unset trusts none; each bad entry is named', () => {
    assert.deepEqual(loadConfig({}).TRUSTED_PROXIES, []);
    assert.equal(loadConfig({ TRUSTED_PROXIES: '10.0.0.1, 10.1.0.0/16,fd00::/8' }).TRUSTED_PROXIES.length, 3);
    assert.throws(
      () => loadConfig({ TRUSTED_PROXIES: '10.0.0.1, proxy.local, 10.0.0.0/40' }),
      (err: Error & { problems?: string[] }) => {
        const text = [err.message, ...(err.problems ?? [])].join('\n');
        return /TRUSTED_PROXIES/.test(text) && /proxy\.local/.test(text) && /10\.0\.0\.0\/40/.test(text);
      },
    );
  });
});

describe('the client behind proxies', () => {
  const proxy = ranges('10.0.0.0/8', 'fd00::/8');

  test('nothing trusted (the default): forwarded headers are ignored, whoever sends them', () => {
    assert.deepEqual(clientOrigin(via('203.0.113.9', '1.1.1.1', 'https'), []), { ip: '203.0.113.9', https: false });
    assert.deepEqual(clientOrigin(via('::ffff:203.0.113.9', '1.1.1.1', 'https'), []), {
      ip: '203.0.113.9',
      https: false,
    });
    assert.deepEqual(clientOrigin(via('203.0.113.9', undefined, undefined, true), []), {
      ip: '203.0.113.9',
      https: true,
    });
  });

  test('an untrusted peer sending X-Forwarded-* is not believed (spoofed address and scheme)', () => {
    assert.deepEqual(clientOrigin(via('198.51.100.4', '10.0.0.5, 192.0.2.1', 'https'), proxy), {
      ip: '198.51.100.4',
      https: false,
    });
  });

  test('from a trusted proxy: the rightmost untrusted hop is the client, forged hops to its left are not', () => {
    assert.deepEqual(clientOrigin(via('10.0.0.1', '198.51.100.4', 'https'), proxy), {
      ip: '198.51.100.4',
      https: true,
    });
    // The client sent "X-Forwarded-For: 1.2.3.4" itself; the proxy appended what it saw.
    assert.equal(clientOrigin(via('10.0.0.1', '1.2.3.4, 198.51.100.4'), proxy).ip, '198.51.100.4');
    // Two proxies: both skipped.
    assert.equal(clientOrigin(via('10.0.0.1', '1.2.3.4, 198.51.100.4, 10.0.0.2'), proxy).ip, '198.51.100.4');
    // A client claiming to be one of our proxies, left of the real client: still the real client.
    assert.equal(clientOrigin(via('10.0.0.1', '10.9.9.9, 198.51.100.4'), proxy).ip, '198.51.100.4');
    // Several header lines (as an array) read as one list.
    assert.equal(
      clientOrigin(
        { peer: '10.0.0.1', encrypted: false, forwardedFor: ['1.2.3.4', '198.51.100.4'], forwardedProto: undefined },
        proxy,
      ).ip,
      '198.51.100.4',
    );
  });

  test('IPv6 and mapped hops, with ports and brackets', () => {
    assert.equal(clientOrigin(via('fd00::1', '2001:db8::7'), proxy).ip, '2001:db8::7');
    assert.equal(clientOrigin(via('::ffff:10.0.0.1', '::ffff:198.51.100.4'), proxy).ip, '198.51.100.4');
    assert.equal(clientOrigin(via('10.0.0.1', '[2001:db8::7]:4431'), proxy).ip, '2001:db8::7');
    assert.equal(clientOrigin(via('10.0.0.1', '198.51.100.4:5123'), proxy).ip, '198.51.100.4');
  });

  test('a hop that is not an address stops at the last proxy that wrote a good one; no header: the proxy itself', () => {
    assert.equal(clientOrigin(via('10.0.0.1', 'unknown, 10.0.0.2'), proxy).ip, '10.0.0.2');
    assert.equal(clientOrigin(via('10.0.0.1', "198.51.100.4, ' OR 1=1 --"), proxy).ip, '10.0.0.1');
    assert.equal(clientOrigin(via('10.0.0.1'), proxy).ip, '10.0.0.1');
    assert.equal(
      clientOrigin(via('10.0.0.1', '10.0.0.3, 10.0.0.2'), proxy).ip,
      '10.0.0.3',
      'all trusted: the leftmost',
    );
  });

  test('the scheme is the rightmost X-Forwarded-Proto (the one our proxy set)', () => {
    assert.equal(clientOrigin(via('10.0.0.1', '198.51.100.4', 'https'), proxy).https, true);
    assert.equal(clientOrigin(via('10.0.0.1', '198.51.100.4', 'HTTPS'), proxy).https, true);
    assert.equal(clientOrigin(via('10.0.0.1', '198.51.100.4', 'https, http'), proxy).https, false);
    assert.equal(clientOrigin(via('10.0.0.1', '198.51.100.4', 'http'), proxy).https, false);
  });

  test('requestInfo: the guard no longer believes X-Forwarded-Proto from anyone (regression)', () => {
    const req = (remoteAddress: string, headers: Record<string, string>) =>
      ({ socket: { remoteAddress }, headers }) as unknown as IncomingMessage;
    const spoofed = req('203.0.113.9', {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '1.1.1.1',
      'user-agent': 'ua',
    });
    assert.deepEqual(requestInfo(spoofed), { ip: '203.0.113.9', userAgent: 'ua', https: false });
    assert.deepEqual(
      requestInfo(req('10.0.0.1', { 'x-forwarded-proto': 'https', 'x-forwarded-for': '1.1.1.1' }), proxy),
      { ip: '1.1.1.1', userAgent: null, https: true },
    );
  });
});
