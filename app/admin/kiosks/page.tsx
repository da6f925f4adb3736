import type { Metadata } from 'next';
import { PageShell } from '../../../components/layout/PageShell';
import { KiosksAdmin } from '../../../components/session/KiosksAdmin';

export const metadata: Metadata = { title: 'CityOps — Kiosk tường màn hình / Wall kiosks' };

export default function KiosksPage() {
  return (
    <PageShell page="kiosks" title="kiosks.title" subtitle="kiosks.subtitle">
      <KiosksAdmin />
    </PageShell>
  );
}
