import type { ReactNode } from 'react';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { messagesFor, type MessageKey } from '../i18n/messages';
import { requestLocale } from '../i18n/server-locale';
import { GEO_ATTRIBUTION } from '../map/map-style';
import { AlarmBadge } from '../alarms/AlarmBadge';
import { can, type Capability } from '../../contracts/roles';
import { currentUser } from '../session/server-session';
import { SignOutButton } from '../session/SignOutButton';
import { NavMenu } from './NavMenu';

export type PageId =
  'home' | 'kpi' | 'traffic' | 'alarms' | 'indicators' | 'account' | 'admin' | 'kiosks' | 'audit' | 'not-found';

interface NavLink {
  id: PageId | 'wall';
  href: string;
  key: MessageKey;
  cap: Capability;
}

const NAV: NavLink[] = [
  { id: 'home', href: '/', key: 'nav.home', cap: 'home.view' },
  { id: 'kpi', href: '/kpi', key: 'nav.kpi', cap: 'kpi.view' },
  { id: 'traffic', href: '/traffic', key: 'nav.traffic', cap: 'traffic.view' },
  { id: 'alarms', href: '/alarms', key: 'nav.alarms', cap: 'alarms.view' },
  { id: 'indicators', href: '/indicators', key: 'nav.indicators', cap: 'indicators.view' },
  { id: 'wall', href: '/wall', key: 'nav.wall', cap: 'wall.view' },
];

/**
 * The administration pages, under one "Quản trị" entry: nine links side by side wrapped to two
 * rows at 1920 px. Shown (and each link in it) only to a role that may open them, as the others.
 */
const ADMIN_NAV: NavLink[] = [
  { id: 'admin', href: '/admin/users', key: 'nav.users', cap: 'users.admin' },
  { id: 'kiosks', href: '/admin/kiosks', key: 'nav.kiosks', cap: 'users.admin' },
  { id: 'audit', href: '/admin/audit', key: 'nav.audit', cap: 'users.admin' },
];

/** The frame of every desk page (light theme): title, language and account, navigation, live alarm count. */
export async function PageShell({
  page,
  title,
  subtitle,
  children,
}: {
  page: PageId;
  title: MessageKey;
  subtitle: MessageKey;
  children: ReactNode;
}) {
  const t = messagesFor(await requestLocale());
  const user = await currentUser();
  // Links the role cannot open are not shown (the server refuses them anyway).
  const allowed = (n: NavLink) => user !== null && can(user.role, n.cap);
  const nav = NAV.filter(allowed);
  const admin = ADMIN_NAV.filter(allowed);
  const link = (n: NavLink) => (
    <a key={n.id} href={n.href} data-testid={`nav-${n.id}`} aria-current={n.id === page ? 'page' : undefined}>
      {t[n.key]}
    </a>
  );
  return (
    <main className={`page page-${page}`} data-testid={`page-${page}`}>
      <header className="topbar">
        <div>
          <p className="brand">
            {t['app.brand']} · {t['app.city']}
          </p>
          <h1>{t[title]}</h1>
          <p className="subtitle">{t[subtitle]}</p>
        </div>
        <div className="topbar-end">
          {/* Language and account on a line of their own above the pages, so the pages' links stay one row at 1920 px. */}
          <div className="topbar-utility">
            <LanguageSwitch />
            {user && (
              <span className="user-menu" data-testid="user-menu" data-role={user.role}>
                <a href="/account" title={t[`role.${user.role}` as MessageKey]}>
                  {user.displayName}
                </a>
                <SignOutButton />
              </span>
            )}
          </div>
          <nav className="topnav" aria-label={t['nav.label']}>
            {nav.map(link)}
            {admin.length > 0 && (
              <NavMenu
                label={t['nav.administration']}
                current={admin.some((n) => n.id === page)}
                testId="nav-administration"
              >
                {admin.map(link)}
              </NavMenu>
            )}
            <AlarmBadge />
          </nav>
        </div>
      </header>
      {children}
      <footer className="attribution">
        <details>
          <summary>{t['footer.attribution']}</summary>
          <ul>
            {GEO_ATTRIBUTION.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </details>
      </footer>
    </main>
  );
}
