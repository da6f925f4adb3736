import type { Metadata } from 'next';
import { IndicatorCatalogue } from '../../components/indicators/IndicatorCatalogue';
import { PageShell } from '../../components/layout/PageShell';
import './indicators.css';

export const metadata: Metadata = { title: 'CityOps — Danh mục chỉ số / Indicators' };

export default function IndicatorsPage() {
  return (
    <PageShell page="indicators" title="indicators.pageTitle" subtitle="indicators.pageSubtitle">
      <IndicatorCatalogue />
    </PageShell>
  );
}
