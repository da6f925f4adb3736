import { LiveOverview } from '../components/home/LiveOverview';
import { LiveCityMap } from '../components/map/LiveCityMap';
import { GEO_ATTRIBUTION } from '../components/map/map-style';
import { LanguageSwitch } from '../components/i18n/LanguageSwitch';
import { messagesFor } from '../components/i18n/messages';
import { requestLocale } from '../components/i18n/server-locale';
import { registry } from '../runtime/registry';

export default async function HomePage() {
  const t = messagesFor(await requestLocale());
  const { city, config } = registry();
  return (
    <main className="home">
      <header className="topbar">
        <div>
          <h1>{t['app.title']}</h1>
          <p className="subtitle">
            {t['app.city']} · {t['home.subtitle']}
          </p>
        </div>
        <nav className="topnav">
          <a href="/wall" data-testid="nav-wall">{t['nav.wall']}</a>
          <LanguageSwitch />
        </nav>
      </header>
      <LiveOverview />
      <LiveCityMap geo={city.geo} bbox={city.mapBounds} styleUrl={config.MAP_STYLE_URL ?? null} />
      <footer className="attribution">
        <details>
          <summary>{t['footer.attribution']}</summary>
          <ul>{GEO_ATTRIBUTION.map((a) => <li key={a}>{a}</li>)}</ul>
        </details>
      </footer>
    </main>
  );
}
