import type { Metadata } from 'next';
import { currentUser } from '../../components/session/server-session';
import { Wall } from '../../components/wall/Wall';
import { registry } from '../../runtime/registry';

export const metadata: Metadata = { title: 'CityOps — Wall' };
export const dynamic = 'force-dynamic';

export default async function WallPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const q = await searchParams;
  // The layout saved from the console (placing an indicator) wins over the WALL_LAYOUT file.
  const wallLayout = await registry().indicators.wallLayout();
  // A wall signed in with a kiosk token shows what its token is bound to.
  const user = await currentUser();
  const kiosk = user?.role === 'kiosk' ? await registry().kiosks.binding(user.id) : null;
  const rotate = typeof q.rotate === 'string' && /^\d{1,4}$/.test(q.rotate) ? Math.max(2, Number(q.rotate)) : null;
  const scene = typeof q.scene === 'string' && /^[a-z0-9-]{1,40}$/.test(q.scene) ? q.scene : null;
  return <Wall layout={wallLayout} rotateOverride={rotate} pinned={scene} kiosk={kiosk} />;
}
