import type { Metadata } from 'next';
import { PageShell } from '../../components/layout/PageShell';
import { TrafficBoard } from '../../components/traffic/TrafficBoard';

export const metadata: Metadata = { title: 'CityOps — Giao thông / Traffic' };

export default function TrafficPage() {
  return (
    <PageShell page="traffic" title="traffic.title" subtitle="traffic.subtitle">
      <TrafficBoard />
    </PageShell>
  );
}
