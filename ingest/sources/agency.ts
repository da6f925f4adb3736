/**
 * Which agency a source means. Exports name agencies the way people do ("Sở Tư pháp",
 * "UBND Phường Lê Chân", "Phường Lê Chân"); feeds use ids. A known id or name gives the city
 * profile's id; an unknown value that is a valid id is kept as it is (the writer registers it
 * as unregistered, as for MQTT); anything else is a problem to report, never a guess.
 */
import type { Agency } from '../../contracts/city';
import { ID_PATTERN } from '../../contracts/mqtt/topics';
import { normalizeLabel } from './normalize-label';

export type AgencyMatch = { ok: true; agency: Agency | null; id: string } | { ok: false; error: string };

export interface AgencyIndex {
  resolve(value: string): AgencyMatch;
  byId(id: string): Agency | undefined;
}

export function agencyIndex(agencies: readonly Agency[]): AgencyIndex {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const byLabel = new Map<string, Agency>();
  for (const a of agencies)
    for (const label of [
      a.id,
      a.name_vi,
      a.name_en,
      a.name_vi.replace(/^UBND\s+/i, ''),
      a.name_vi.replace(/^UBND\s+/i, 'Ủy ban nhân dân '),
    ])
      byLabel.set(normalizeLabel(label), a);
  return {
    byId: (id) => byId.get(id),
    resolve(value) {
      const text = value.trim();
      const known = byId.get(text) ?? byLabel.get(normalizeLabel(text));
      if (known) return { ok: true, agency: known, id: known.id };
      if (ID_PATTERN.test(text)) return { ok: true, agency: null, id: text };
      return {
        ok: false,
        error: `unknown agency "${text.slice(0, 80)}": not an agency of the city and not an id (letters, digits, _ . -)`,
      };
    },
  };
}
