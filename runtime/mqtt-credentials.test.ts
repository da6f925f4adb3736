import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../contracts/errors';
import { parseMqttCredentials } from './mqtt-credentials';

const H = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA';

test('accounts: name:hash[:role], comments and blank lines skipped, device by default', () => {
  const a = parseMqttCredentials(
    `# devices\n\ncam-001:${H}\ncityops-ingest:${H}:ingest\r\nbridge-1:${H}:publisher\n`,
    'f',
  );
  assert.deepEqual(
    a.map((x) => [x.username, x.role]),
    [
      ['cam-001', 'device'],
      ['cityops-ingest', 'ingest'],
      ['bridge-1', 'publisher'],
    ],
  );
  assert.equal(a[0]!.hash, H);
});

test('every problem is listed with its line; a plain password is refused', () => {
  const text = `cam-001:plain-password\n<script>:${H}\ncam-002:${H}:admin\ncam-003:${H}\ncam-003:${H}\nx:${H}:device:extra\n`;
  assert.throws(
    () => parseMqttCredentials(text, 'creds.txt'),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.deepEqual(
        err.problems.map((p) => p.replace(/^MQTT_DEVICE_CREDENTIALS creds\.txt:(\d+):.*/, '$1')),
        ['1', '2', '3', '5', '6'],
      );
      assert.match(err.problems[0]!, /argon2 hash .* never the password itself/);
      return true;
    },
  );
  assert.throws(() => parseMqttCredentials('# nothing\n', 'empty.txt'), /no account/);
});
