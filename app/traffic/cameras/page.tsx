import type { Metadata } from 'next';
import { PageShell } from '../../../components/layout/PageShell';
import { CameraRegistry } from '../../../components/traffic/CameraRegistry';
import '../cameras.css';

export const metadata: Metadata = { title: 'CityOps — Danh mục camera / Camera registry' };

export default function CameraRegistryPage() {
  return (
    <PageShell page="traffic" title="cameras.pageTitle" subtitle="cameras.pageSubtitle">
      <CameraRegistry />
    </PageShell>
  );
}
