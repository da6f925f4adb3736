'use client';

import { useI18n } from '../components/i18n/I18nProvider';

/**
 * A page that failed to render (its data did not come): said in the page's language, with a
 * retry, instead of Next's bare error screen. The digest is the line to look for in the log.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useI18n();
  return (
    <main className="page page-error" data-testid="page-error">
      <section className="panel" role="alert">
        <h1>{t('error.title')}</h1>
        <p>{t('error.body')}</p>
        {error.digest && (
          <p>
            <small>{t('error.reference', { digest: error.digest })}</small>
          </p>
        )}
        <p>
          <button type="button" onClick={reset}>
            {t('error.retry')}
          </button>{' '}
          · <a href="/">{t('notFound.home')}</a>
        </p>
      </section>
    </main>
  );
}
