/**
 * MQTT_DEVICE_CREDENTIALS: who may sign in to the embedded broker (opt-in; `npm start` without it
 * stays anonymous on 127.0.0.1). One account a line, `name:argon2id-hash[:role]`, `#` comments:
 *   cam-001:$argon2id$v=19$m=19456,t=2,p=1$…        a device (the default role): publishes only under its own id
 *   cityops-ingest:$argon2id$…:ingest                reads the city, publishes nothing
 *   bridge-1:$argon2id$…:publisher                   publishes anywhere in the city (a bridge, a simulator)
 * The same roles as deploy/mosquitto.acl; `npx tsx scripts/mqtt-passwd.ts <name> [role]` prints a line.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../contracts/errors';
import { ID_PATTERN } from '../contracts/mqtt/topics';

export const MQTT_ROLES = ['device', 'ingest', 'publisher'] as const;
export type MqttRole = (typeof MQTT_ROLES)[number];
export interface MqttAccount {
  username: string;
  hash: string;
  role: MqttRole;
}

/** Reads the file's text; every problem is listed (with its line), then the start stops. */
export function parseMqttCredentials(text: string, file: string): MqttAccount[] {
  const accounts: MqttAccount[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${file}:${i + 1}`;
    // PHC strings hold no colon, so the line splits cleanly.
    const [username = '', hash = '', role = 'device', ...rest] = line.split(':');
    if (rest.length > 0) return void problems.push(`${where}: expected name:hash[:role]`);
    if (!ID_PATTERN.test(username))
      return void problems.push(
        `${where}: "${username.slice(0, 64)}" is not a device id (1-64 letters, digits, _ . -)`,
      );
    if (!hash.startsWith('$argon2'))
      return void problems.push(
        `${where}: the password of ${username} must be an argon2 hash (scripts/mqtt-passwd.ts), never the password itself`,
      );
    if (!(MQTT_ROLES as readonly string[]).includes(role))
      return void problems.push(`${where}: role "${role}" is not one of ${MQTT_ROLES.join(', ')}`);
    if (seen.has(username)) return void problems.push(`${where}: ${username} is listed twice`);
    seen.add(username);
    accounts.push({ username, hash, role: role as MqttRole });
  });
  if (problems.length === 0 && accounts.length === 0)
    problems.push(`${file}: no account (an empty file would refuse every device)`);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `MQTT_DEVICE_CREDENTIALS ${p}`));
  return accounts;
}

export function loadMqttCredentials(file: string): MqttAccount[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`MQTT_DEVICE_CREDENTIALS: cannot read ${file}: ${(err as Error).message}`]);
  }
  return parseMqttCredentials(text, file);
}
