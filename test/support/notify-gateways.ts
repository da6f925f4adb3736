/**
 * Real servers for the notification channels, started by the tests on free ports: an SMTP server
 * (the `smtp-server` package, authentication on) recording what it received, and small HTTP
 * servers speaking the generic SMS gateway's and Zalo ZNS's request/response shapes, errors
 * included (quota exceeded, invalid phone, template not approved, 5xx, a hang).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user: string;
}

export async function startSmtp(
  user: string,
  password: string,
): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    // No TLS certificate in the test: STARTTLS is off, plain AUTH allowed (NOTIFY_SMTP_REQUIRE_TLS=off).
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === password) cb(null, { user });
      else cb(Object.assign(new Error('535 authentication failed'), { responseCode: 535 }));
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => {
        raw += c.toString('utf8');
      });
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          user: String(session.user ?? ''),
        });
        cb();
      });
    },
    logger: false,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function body(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const c of req) s += (c as Buffer).toString('utf8');
  return s;
}

export type GatewayMode = 'ok' | 'down' | 'quota' | 'hang' | 'garbage' | 'slow';

export interface FakeGateway {
  url: string;
  mode: GatewayMode;
  /** Every request as received (headers and JSON body). */
  requests: { key: string | undefined; body: Record<string, unknown> }[];
  /** Messages the gateway would hand to carriers: one per idempotency key, like a real one that honours it. */
  accepted: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The generic JSON SMS brandname gateway (notify/channels/sms.ts has the shape). Phone 84399999999 is "invalid". */
export async function startSmsGateway(): Promise<FakeGateway> {
  const g: FakeGateway = { url: '', mode: 'ok', requests: [], accepted: new Map(), close: async () => undefined };
  const server = createServer((req, res) => {
    void body(req).then((text) => {
      if (g.mode === 'hang') return; // never answers: the client's timeout ends it
      const json = JSON.parse(text) as Record<string, unknown>;
      const key = req.headers['idempotency-key'] as string | undefined;
      g.requests.push({ key, body: json });
      // slow: accepted at once (the carrier has it), answered later — a kill meanwhile loses our record of it.
      if (g.mode === 'slow') {
        if (key && !g.accepted.has(key)) g.accepted.set(key, json);
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":"0"}'), 400);
        return;
      }
      const send = (status: number, answer: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      if (g.mode === 'down') return send(503, { code: 'UNAVAILABLE', message: 'service unavailable' });
      if (g.mode === 'garbage')
        return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy error</html>');
      if (g.mode === 'quota') return send(429, { code: 'QUOTA_EXCEEDED', message: 'daily quota exceeded' });
      if (json.phone === '84399999999') return send(400, { code: 'INVALID_PHONE', message: 'invalid phone number' });
      if (key && !g.accepted.has(key)) g.accepted.set(key, json);
      send(200, { code: '0', messageId: `m-${g.accepted.size}` });
    });
  });
  g.url = `${await listen(server)}/sms/send`;
  g.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return g;
}

/** Zalo ZNS's template call. Template "unapproved" answers error -1131 (not approved); mode quota answers -1124 (daily quota). */
export async function startZnsGateway(): Promise<FakeGateway> {
  const g: FakeGateway = { url: '', mode: 'ok', requests: [], accepted: new Map(), close: async () => undefined };
  const server = createServer((req, res) => {
    void body(req).then((text) => {
      if (g.mode === 'hang') return;
      const json = JSON.parse(text) as Record<string, unknown>;
      const key = typeof json.tracking_id === 'string' ? json.tracking_id : undefined;
      g.requests.push({ key, body: json });
      const send = (status: number, answer: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      if (req.headers.access_token !== 'zalo-test-token')
        return send(200, { error: -124, message: 'access token invalid' });
      if (g.mode === 'down') return send(502, { error: -1, message: 'bad gateway' });
      if (g.mode === 'quota') return send(200, { error: -1124, message: 'out of daily quota' });
      if (json.template_id === 'unapproved') return send(200, { error: -1131, message: 'template not approved' });
      if (key && !g.accepted.has(key)) g.accepted.set(key, json);
      send(200, { error: 0, message: 'Success', data: { msg_id: `z-${g.accepted.size}` } });
    });
  });
  g.url = await listen(server);
  g.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return g;
}
