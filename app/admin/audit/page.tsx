import type { Metadata } from 'next';
import { PageShell } from '../../../components/layout/PageShell';
import { AuditLog } from '../../../components/session/AuditLog';

export const metadata: Metadata = { title: 'CityOps — Nhật ký / Audit log' };

export default function AuditPage() {
  return (
    <PageShell page="audit" title="audit.title" subtitle="audit.subtitle">
      <AuditLog />
    </PageShell>
  );
}
