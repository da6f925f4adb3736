'use client';
import { useRouter } from 'next/navigation';
import { LOCALE_COOKIE } from './messages';
import { useI18n } from './I18nProvider';

/** Switches language and remembers it in a cookie for a year. */
export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const router = useRouter();
  const other = locale === 'vi' ? 'en' : 'vi';
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${other}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {t('lang.switch')}
    </button>
  );
}
