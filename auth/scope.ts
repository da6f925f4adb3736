/**
 * A leader's scope applied to a request's agency filter — the one rule every KPI, drill-down,
 * export, task and "today" answer goes through (runtime/kpi-scope.ts):
 *   not scoped                       → the request as asked
 *   scoped, no agency asked          → the scope's agencies (totals are the scope's totals)
 *   scoped, only agencies in scope   → as asked
 *   scoped, any agency outside scope → refused (403 naming them), never silently narrowed: a
 *                                      leader comparing two agencies must not get a figure that
 *                                      quietly leaves one out.
 */

/** `agencies`: undefined for every agency; a list (maybe empty: nothing) otherwise. */
export type Narrowed = { ok: true; agencies: string[] | undefined } | { ok: false; outside: string[] };

/** `allowed`: null when the user is not scoped, else the agencies their scope covers. */
export function narrowAgencies(requested: readonly string[] | undefined, allowed: readonly string[] | null): Narrowed {
  if (allowed === null) return { ok: true, agencies: requested === undefined ? undefined : [...requested] };
  if (requested === undefined) return { ok: true, agencies: [...allowed] };
  const inScope = new Set(allowed);
  const outside = [...new Set(requested.filter((a) => !inScope.has(a)))];
  return outside.length > 0 ? { ok: false, outside } : { ok: true, agencies: [...requested] };
}
