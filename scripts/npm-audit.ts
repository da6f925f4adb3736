/**
 * `npm audit --omit=dev` as a CI step (run by scripts/test.ts, stage `audit`): a high or critical
 * advisory against a production dependency fails CI. A registry that cannot answer audits (this
 * workplace's registry answers the bulk-advisory endpoint with 405; a machine without network has
 * none) is not a finding: the step says so on one loud line and CI goes on, because failing every
 * run for a missing endpoint would teach everyone to ignore the step. Then the same for
 * `npm audit signatures` (registry signatures and provenance of the installed packages).
 *   npx tsx scripts/npm-audit.ts      the step alone
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export const FAILING_SEVERITIES = ['high', 'critical'] as const;
const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
type Severity = (typeof SEVERITIES)[number];

export type AuditVerdict =
  | { verdict: 'pass'; counts: Record<Severity, number>; line: string }
  | { verdict: 'fail'; counts: Record<Severity, number>; line: string; advisories: string[] }
  | { verdict: 'unavailable'; line: string }
  | { verdict: 'error'; line: string };

/** Network failures and registry answers that mean "no audit service here", not "a finding". */
const UNAVAILABLE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENOAUDIT',
]);
const unavailableStatus = (s: number) => s === 404 || s === 405 || s === 501 || s >= 502;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads what `npm audit --json` printed. Pure, for the unit test's recorded samples. */
export function judgeAudit(stdout: string): AuditVerdict {
  let report: unknown;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { verdict: 'error', line: `npm audit: could not read its output as JSON: ${stdout.slice(0, 200)}` };
  }
  if (!isRecord(report)) return { verdict: 'error', line: 'npm audit: its output is not a JSON object' };
  const meta =
    isRecord(report.metadata) && isRecord(report.metadata.vulnerabilities) ? report.metadata.vulnerabilities : null;
  if (meta) {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, typeof meta[s] === 'number' ? meta[s] : 0])) as Record<
      Severity,
      number
    >;
    const summary = SEVERITIES.map((s) => `${counts[s]} ${s}`).join(', ');
    const failing = FAILING_SEVERITIES.reduce((n, s) => n + counts[s], 0);
    if (failing === 0)
      return {
        verdict: 'pass',
        counts,
        line: `npm audit: no high or critical advisory in production dependencies (${summary})`,
      };
    const vulns = isRecord(report.vulnerabilities) ? Object.values(report.vulnerabilities) : [];
    const advisories = vulns
      .filter(isRecord)
      .filter((v) => (FAILING_SEVERITIES as readonly unknown[]).includes(v.severity))
      .map((v) => {
        const via = Array.isArray(v.via)
          ? v.via.filter(isRecord).map((a) => `${String(a.title)} ${String(a.url)}`)
          : [];
        return `${String(v.name)} (${String(v.severity)}, ${String(v.range)})${via.length ? `: ${via.join('; ')}` : ` via ${Array.isArray(v.via) ? v.via.join(', ') : '?'}`}`;
      });
    return {
      verdict: 'fail',
      counts,
      advisories,
      line: `npm audit: ${failing} high or critical advisory(ies) in production dependencies (${summary})`,
    };
  }
  // npm prints the registry's refusal (405 Method Not Allowed) or a network error as JSON too.
  const status = typeof report.statusCode === 'number' ? report.statusCode : null;
  const err = isRecord(report.error) ? report.error : null;
  const code = typeof report.code === 'string' ? report.code : typeof err?.code === 'string' ? err.code : null;
  if ((status !== null && unavailableStatus(status)) || (code !== null && UNAVAILABLE_CODES.has(code)))
    return {
      verdict: 'unavailable',
      line: `npm audit: registry audit endpoint unavailable (${status !== null ? `HTTP ${status}` : code}) — not checked`,
    };
  const message =
    typeof report.message === 'string'
      ? report.message
      : typeof err?.summary === 'string'
        ? err.summary
        : JSON.stringify(report).slice(0, 200);
  return { verdict: 'error', line: `npm audit: failed: ${message}` };
}

export type SignaturesVerdict = { verdict: 'pass' | 'fail' | 'unavailable'; line: string };

/** Reads `npm audit signatures` (exit code and its text: it has no JSON error shape of its own). */
export function judgeSignatures(status: number | null, output: string): SignaturesVerdict {
  if (status === 0)
    return {
      verdict: 'pass',
      line: `npm audit signatures: ${output.match(/\d+ packages? ha(?:ve|s) verified registry signatures?/)?.[0] ?? 'verified'}`,
    };
  const code = output.match(/\b(E[A-Z]{3,}|E40[45]|E5\d\d)\b/)?.[1];
  if (code && (UNAVAILABLE_CODES.has(code) || /^E(40[45]|5\d\d)$/.test(code)))
    return {
      verdict: 'unavailable',
      line: `npm audit signatures: registry keys or signature service unavailable (${code}) — not checked`,
    };
  const found = output.split('\n').find((l) => /invalid|missing|tampered/i.test(l));
  return {
    verdict: 'fail',
    line: `npm audit signatures: failed: ${found?.trim() ?? output.trim().split('\n').slice(-1)[0] ?? `exit ${status}`}`,
  };
}

const npm = (args: string[]) =>
  spawnSync('npm', args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });

/** Runs both audits: ok unless one found something (an unavailable service is not a finding, it is listed). */
export function runAudits(print: (line: string) => void = console.log): { ok: boolean; notChecked: string[] } {
  const audit = npm(['audit', '--omit=dev', '--json']);
  const a = judgeAudit(audit.stdout || '{}');
  print(a.verdict === 'unavailable' ? `\n!!!!!! ${a.line} !!!!!!\n` : a.line);
  if (a.verdict === 'fail') for (const adv of a.advisories) print(`  - ${adv}`);
  const sig = npm(['audit', 'signatures']);
  const s = judgeSignatures(sig.status, `${sig.stdout}\n${sig.stderr}`);
  print(s.verdict === 'unavailable' ? `\n!!!!!! ${s.line} !!!!!!\n` : s.line);
  return {
    ok: a.verdict !== 'fail' && a.verdict !== 'error' && s.verdict !== 'fail',
    notChecked: [a, s].filter((v) => v.verdict === 'unavailable').map((v) => v.line),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(runAudits().ok ? 0 : 1);
