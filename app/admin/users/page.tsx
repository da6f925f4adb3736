import type { Metadata } from 'next';
import { PageShell } from '../../../components/layout/PageShell';
import { UsersAdmin } from '../../../components/session/UsersAdmin';

export const metadata: Metadata = { title: 'CityOps — Người dùng / Users' };

export default function UsersPage() {
  return (
    <PageShell page="admin" title="users.title" subtitle="users.subtitle">
      <UsersAdmin />
    </PageShell>
  );
}
