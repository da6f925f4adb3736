import en from '../../messages/en.json';
import vi from '../../messages/vi.json';

export type Locale = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;

export const LOCALES: readonly Locale[] = ['vi', 'en'];
export const DEFAULT_LOCALE: Locale = 'vi';
export const LOCALE_COOKIE = 'cityops-lang';
/** Every locale's formatting: dates in the city's zone, numbers in Vietnamese style for both languages' users. */
export const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const all: Record<Locale, Messages> = { vi, en: en satisfies Messages };

export function messagesFor(locale: Locale): Messages {
  return all[locale];
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** `{name}` placeholders filled from `values`. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}
