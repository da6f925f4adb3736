/**
 * The benches' one table printer: plain text, aligned columns, `right` columns right-aligned, the
 * last column (a note) never padded unless it is right-aligned, a rule of dashes under the head,
 * and a blank line where `groups` (one key per row: the backend, the scenario) changes.
 */
export interface TableOptions {
  right: readonly boolean[];
  /** One key per row; a blank line separates rows whose keys differ. */
  groups?: readonly string[];
}

export function printTable(head: readonly string[], rows: readonly (readonly string[])[], o: TableOptions): string {
  const last = head.length - 1;
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => (o.right[i] ? v.padStart(width[i]!) : i === last ? v : v.padEnd(width[i]!)))
      .join('  ')
      .trimEnd();
  // Under a note column, a short rule: its cells are sentences, not a column to read down.
  const rule = width.map((w, i) =>
    '-'.repeat(i === last && !o.right[i] ? Math.min(w, Math.max(4, head[i]!.length)) : w),
  );
  const out = [line(head), line(rule)];
  for (const [i, r] of rows.entries()) {
    if (i > 0 && o.groups && o.groups[i] !== o.groups[i - 1]) out.push('');
    out.push(line(r));
  }
  return out.join('\n');
}

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
