import type { Metadata } from 'next';
import { PageShell } from '../../components/layout/PageShell';
import { CameraGrid } from '../../components/traffic/CameraGrid';
import { TrafficBoard } from '../../components/traffic/TrafficBoard';
import './cameras.css';

export const metadata: Metadata = { title: 'CityOps — Giao thông / Traffic' };

export default function TrafficPage() {
  return (
    <PageShell page="traffic" title="traffic.title" subtitle="traffic.subtitle">
      <TrafficBoard />
      <CameraGrid />
    </PageShell>
  );
}
