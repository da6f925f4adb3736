/**
 * One line of MQTT_DEVICE_CREDENTIALS (runtime/mqtt-credentials.ts) for the embedded broker:
 *   npx tsx scripts/mqtt-passwd.ts cam-001 [device|ingest|publisher] < password.txt
 * The password is read from standard input (never an argument: `ps` shows those); with nothing
 * on standard input a 20-character one is generated and printed once on standard error.
 */
import { hashPassword, generatePassword } from '../auth/passwords';
import { ID_PATTERN } from '../contracts/mqtt/topics';
import { MQTT_ROLES } from '../runtime/mqtt-credentials';

const [name = '', role = 'device'] = process.argv.slice(2);
if (!ID_PATTERN.test(name) || !(MQTT_ROLES as readonly string[]).includes(role)) {
  process.stderr.write(`usage: npx tsx scripts/mqtt-passwd.ts <device id> [${MQTT_ROLES.join('|')}] < password\n`);
  process.exit(2);
}
let given = '';
if (!process.stdin.isTTY) for await (const chunk of process.stdin) given += String(chunk);
let password = given.split(/\r?\n/)[0] ?? '';
if (password === '') {
  password = generatePassword();
  process.stderr.write(`generated password for ${name}: ${password}\n`);
}
process.stdout.write(`${name}:${await hashPassword(password)}${role === 'device' ? '' : `:${role}`}\n`);
