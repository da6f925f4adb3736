'use client';
import { useEffect, useState } from 'react';
import type { KpiPanels } from '../../contracts/wall';
import { IndicatorPanel } from '../indicators/IndicatorPanel';

/** Panels are placed from the catalogue: the page looks for new ones this often. */
const CHECK_MS = 60_000;

/** The indicators placed on /kpi from the catalogue (tile, chart or ranking), after the built-in panels; nothing when none is placed. */
export function KpiIndicatorPanels() {
  const [panels, setPanels] = useState<KpiPanels['panels']>([]);
  useEffect(() => {
    let current = true;
    const load = () =>
      fetch('/api/indicators/kpi-panels', { cache: 'no-store' })
        .then(async (res) => (res.ok ? ((await res.json()) as KpiPanels) : null))
        .then((b) => current && b && setPanels(b.panels))
        .catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), CHECK_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, []);
  if (panels.length === 0) return null;
  return (
    <div className="span-all kpi-indicators" data-testid="kpi-indicators">
      {panels.map((p, i) => (
        <IndicatorPanel key={`${p.source}/${p.key}/${p.display}/${i}`} panel={p} />
      ))}
    </div>
  );
}
