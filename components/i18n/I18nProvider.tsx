'use client';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { format, INTL_LOCALE, TIME_ZONE, type Locale, type MessageKey, type Messages } from './messages';

interface I18n {
  locale: Locale;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  number: (n: number, digits?: number) => string;
  time: (ms: number) => string;
  /** The hour of the day (0–23) in the city's time zone. */
  hour: (ms: number) => number;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  const value = useMemo<I18n>(() => {
    const intl = INTL_LOCALE[locale];
    const timeFmt = new Intl.DateTimeFormat(intl, {
      timeZone: TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    const hourFmt = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', hour12: false });
    const numberFmts = new Map<number, Intl.NumberFormat>();
    return {
      locale,
      t: (key, values) => format(messages[key], values),
      number: (n, digits = 0) => {
        let f = numberFmts.get(digits);
        if (!f)
          numberFmts.set(
            digits,
            (f = new Intl.NumberFormat(intl, { maximumFractionDigits: digits, minimumFractionDigits: digits })),
          );
        return f.format(n);
      },
      time: (ms) => timeFmt.format(ms),
      hour: (ms) => Number(hourFmt.format(ms)) % 24,
    };
  }, [locale, messages]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
