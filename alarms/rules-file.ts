/** Reads and validates the alarm rules file; a bad file stops the start with every problem listed. */
import { readFileSync } from 'node:fs';
import { alarmRulesSchema, type AlarmRule } from '../contracts/alarm-rules';
import { ConfigError } from '../contracts/errors';

export function loadAlarmRules(path: string): AlarmRule[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError([
      `ALARM_RULES: cannot read ${path} as JSON (${err instanceof Error ? err.message : String(err)})`,
    ]);
  }
  const parsed = alarmRulesSchema.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((i) => `ALARM_RULES ${path}: ${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  return parsed.data;
}
