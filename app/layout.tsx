import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { CityProvider } from '../components/city/CityProvider';
import { I18nProvider } from '../components/i18n/I18nProvider';
import { messagesFor } from '../components/i18n/messages';
import { requestLocale } from '../components/i18n/server-locale';
import { SessionProvider } from '../components/session/SessionProvider';
import { currentUser } from '../components/session/server-session';
import { registry } from '../runtime/registry';
import './globals.css';

export const metadata: Metadata = {
  title: 'CityOps — Hải Phòng',
  description: 'Trung tâm giám sát, điều hành đô thị thông minh',
};

export const viewport: Viewport = { themeColor: '#f4f6fa', colorScheme: 'light' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await requestLocale();
  const user = await currentUser();
  const { city, config } = registry();
  const cityContext = {
    targets: city.targets,
    map: { geo: city.geo, bbox: city.mapBounds, styleUrl: config.MAP_STYLE_URL ?? null },
    cameraOfflineAfterMs: config.CAMERA_OFFLINE_AFTER_S * 1000,
  };
  return (
    <html lang={locale}>
      <body>
        <I18nProvider locale={locale} messages={messagesFor(locale)}>
          <SessionProvider user={user}>
            <CityProvider value={cityContext}>{children}</CityProvider>
          </SessionProvider>
        </I18nProvider>
      </body>
    </html>
  );
}
