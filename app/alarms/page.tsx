import type { Metadata } from 'next';
import { AlarmsBoard } from '../../components/alarms/AlarmsBoard';
import { PageShell } from '../../components/layout/PageShell';

export const metadata: Metadata = { title: 'CityOps — Cảnh báo / Alarms' };

export default function AlarmsPage() {
  return (
    <PageShell page="alarms" title="alarms.title" subtitle="alarms.subtitle">
      <AlarmsBoard />
    </PageShell>
  );
}
