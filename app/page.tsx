import { LiveOverview } from '../components/home/LiveOverview';
import { PageShell } from '../components/layout/PageShell';
import { LiveCityMap } from '../components/map/LiveCityMap';

export default function HomePage() {
  return (
    <PageShell page="home" title="home.title" subtitle="home.subtitle">
      <LiveOverview />
      <LiveCityMap theme="light" />
    </PageShell>
  );
}
