import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { I18nProvider } from '../components/i18n/I18nProvider';
import { messagesFor } from '../components/i18n/messages';
import { requestLocale } from '../components/i18n/server-locale';
import './globals.css';

export const metadata: Metadata = {
  title: 'CityOps — Hải Phòng',
  description: 'Trung tâm giám sát, điều hành đô thị thông minh',
};

export const viewport: Viewport = { themeColor: '#0b1220', colorScheme: 'dark' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={locale}>
      <body>
        <I18nProvider locale={locale} messages={messagesFor(locale)}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
