import type { ReactNode } from 'react';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { messagesFor, type MessageKey } from '../i18n/messages';
import { requestLocale } from '../i18n/server-locale';
import { GEO_ATTRIBUTION } from '../map/map-style';
import { AlarmBadge } from '../alarms/AlarmBadge';

export type PageId = 'home' | 'kpi' | 'traffic' | 'alarms' | 'indicators';

const NAV: { id: PageId | 'wall'; href: string; key: 'nav.home' | 'nav.kpi' | 'nav.traffic' | 'nav.alarms' | 'nav.indicators' | 'nav.wall' }[] = [
  { id: 'home', href: '/', key: 'nav.home' },
  { id: 'kpi', href: '/kpi', key: 'nav.kpi' },
  { id: 'traffic', href: '/traffic', key: 'nav.traffic' },
  { id: 'alarms', href: '/alarms', key: 'nav.alarms' },
  { id: 'indicators', href: '/indicators', key: 'nav.indicators' },
  { id: 'wall', href: '/wall', key: 'nav.wall' },
];

/** The frame of every desk page (light theme): title, navigation, live alarm count, language. */
export async function PageShell({ page, title, subtitle, children }: { page: PageId; title: MessageKey; subtitle: MessageKey; children: ReactNode }) {
  const t = messagesFor(await requestLocale());
  return (
    <main className={`page page-${page}`} data-testid={`page-${page}`}>
      <header className="topbar">
        <div>
          <p className="brand">{t['app.brand']} · {t['app.city']}</p>
          <h1>{t[title]}</h1>
          <p className="subtitle">{t[subtitle]}</p>
        </div>
        <nav className="topnav" aria-label={t['nav.label']}>
          {NAV.map((n) => (
            <a key={n.id} href={n.href} data-testid={`nav-${n.id}`} aria-current={n.id === page ? 'page' : undefined}>{t[n.key]}</a>
          ))}
          <AlarmBadge />
          <LanguageSwitch />
        </nav>
      </header>
      {children}
      <footer className="attribution">
        <details>
          <summary>{t['footer.attribution']}</summary>
          <ul>{GEO_ATTRIBUTION.map((a) => <li key={a}>{a}</li>)}</ul>
        </details>
      </footer>
    </main>
  );
}
