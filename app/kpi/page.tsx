import type { Metadata } from 'next';
import { KpiBoard } from '../../components/kpi/KpiBoard';
import { PageShell } from '../../components/layout/PageShell';

export const metadata: Metadata = { title: 'CityOps — KPI' };

export default function KpiPage() {
  return (
    <PageShell page="kpi" title="kpi.title" subtitle="kpi.subtitle">
      <KpiBoard />
    </PageShell>
  );
}
