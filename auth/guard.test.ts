import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedMethods, crossSite, decide, signInRedirect } from './guard';
import { LoginLimiter } from './login-limiter';
import { readCookie, sealSession, sessionCookie, unsealSession } from './session-cookie';

test('a mutation from another site is refused; same-site, reads and clients without Origin pass', () => {
  assert.equal(crossSite('POST', { origin: 'https://evil.example', host: 'ops.city.vn' }), true);
  assert.equal(crossSite('POST', { origin: 'null', host: 'ops.city.vn' }), true);
  assert.equal(crossSite('PUT', { secFetchSite: 'cross-site', host: 'ops.city.vn' }), true);
  assert.equal(crossSite('POST', { origin: 'https://ops.city.vn', host: 'ops.city.vn' }), false);
  assert.equal(crossSite('POST', { host: 'ops.city.vn' }), false);
  assert.equal(crossSite('GET', { origin: 'https://evil.example', host: 'ops.city.vn' }), false);
});

test('a method the route does not answer is 405 for whoever is signed in, with the methods it does', () => {
  assert.equal(decide('DELETE', '/api/alarms/history', 'admin'), 'method-not-allowed');
  assert.equal(decide('DELETE', '/api/alarms/history', null), 'unauthenticated', 'nobody learns which methods exist');
  assert.equal(allowedMethods('/api/alarms/history'), 'GET, HEAD');
  assert.equal(allowedMethods('/api/indicators/wall-layout'), 'GET, PUT, HEAD');
});

test('the sign-in redirect only ever goes back to a path of this site', () => {
  assert.equal(signInRedirect('/kpi?from=1'), '/login?next=%2Fkpi%3Ffrom%3D1');
  assert.equal(signInRedirect('/'), '/login');
  assert.equal(signInRedirect('//evil.example/x'), '/login');
});

test('sign-in attempts per address: the 11th in a minute waits, another address does not, the window passes', () => {
  const l = new LoginLimiter(10, 3);
  for (let i = 0; i < 10; i++) assert.equal(l.attempt('10.0.0.1', 1000), 0);
  assert.ok(l.attempt('10.0.0.1', 2000) > 0);
  assert.equal(l.attempt('10.0.0.2', 2000), 0);
  assert.equal(l.attempt('10.0.0.1', 61_000), 0);
});

test('the limiter stays bounded whatever the number of addresses', () => {
  const l = new LoginLimiter(10, 100);
  for (let i = 0; i < 10_000; i++) l.attempt(`a${i}`, 1000);
  assert.ok(l.size <= 100);
});

test('session cookie: sealed id round-trips; forged, altered or other-secret values are refused', async () => {
  const secret = 'x'.repeat(40);
  const sealed = await sealSession('session-id-abcdefghijklmnopqrstuvwxyz', secret, 3600);
  assert.equal(await unsealSession(sealed, secret), 'session-id-abcdefghijklmnopqrstuvwxyz');
  assert.equal(await unsealSession(sealed, 'y'.repeat(40)), null);
  assert.equal(await unsealSession(`${sealed.slice(0, -3)}abc`, secret), null);
  assert.equal(await unsealSession("' OR 1=1 --", secret), null);
  const header = sessionCookie(sealed, { secure: true, maxAgeSeconds: 60 });
  assert.match(header, /HttpOnly/);
  assert.match(header, /SameSite=Lax/);
  assert.match(header, /Secure/);
  assert.doesNotMatch(sessionCookie(sealed, { secure: false, maxAgeSeconds: 60 }), /Secure/);
  assert.equal(readCookie(`a=1; ${header.split(';')[0]}; b=2`), sealed);
});
