/**
 * Reads `CONNECTORS_FILE` once at start: every problem listed (file, JSON, schema, a missing
 * secret variable), then the connectors frozen. The auth header's value is taken from the
 * environment here and nowhere else, and is never logged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connectorsFileSchema, type ConnectorConfig } from '../../contracts/connectors';
import { ConfigError } from '../../contracts/errors';

export interface Connector {
  config: ConnectorConfig;
  /** The header to send, with its secret value; non-enumerable so it never reaches a log or JSON. */
  readonly auth: { name: string; value: string } | null;
}

function withSecret(config: ConnectorConfig, auth: Connector['auth']): Connector {
  const c = { config } as Connector;
  Object.defineProperty(c, 'auth', { value: auth, enumerable: false });
  return Object.freeze(c);
}

export function parseConnectors(
  json: unknown,
  env: Readonly<Record<string, string | undefined>>,
  where = 'CONNECTORS_FILE',
): Connector[] {
  const parsed = connectorsFileSchema.safeParse(json);
  if (!parsed.success)
    throw new ConfigError(parsed.error.issues.map((i) => `${where}: ${i.path.join('.') || '(root)'}: ${i.message}`));
  const problems: string[] = [];
  const connectors = parsed.data.connectors.map((config, i) => {
    if (!config.auth) return withSecret(config, null);
    const value = env[config.auth.valueEnv];
    if (value === undefined || value === '') {
      problems.push(
        `${where}: connectors.${i}.auth.valueEnv: environment variable ${config.auth.valueEnv} (the credential of "${config.name}") is not set`,
      );
      return withSecret(config, null);
    }
    return withSecret(config, { name: config.auth.header, value: `${config.auth.prefix}${value}` });
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return connectors;
}

export function loadConnectorsFile(
  file: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Connector[] {
  const full = path.resolve(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(full, 'utf8'));
  } catch (err) {
    throw new ConfigError([
      `CONNECTORS_FILE: cannot read ${full}: ${err instanceof Error ? err.message : String(err)}`,
    ]);
  }
  return parseConnectors(json, env, `CONNECTORS_FILE ${full}`);
}
