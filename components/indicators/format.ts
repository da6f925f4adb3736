import type { IndicatorItem } from '../../contracts/indicators';
import type { Locale } from '../i18n/messages';

/** The label in the page's language; an indicator with values but no meta yet is called by its source/key. */
export const indicatorLabel = (
  i: Pick<IndicatorItem, 'source' | 'key' | 'labelVi' | 'labelEn'>,
  locale: Locale,
): string => (locale === 'vi' ? (i.labelVi ?? i.labelEn) : (i.labelEn ?? i.labelVi)) ?? `${i.source}/${i.key}`;

/** A value with its unit (a percent kind as "92,5 %"). */
export function indicatorValue(
  i: Pick<IndicatorItem, 'unit' | 'kind'>,
  value: number | null,
  number: (n: number, digits?: number) => string,
): string {
  if (value === null) return '—';
  const digits = Number.isInteger(value) ? 0 : Math.abs(value) < 10 ? 2 : 1;
  if (i.kind === 'percent') return `${number(value, digits)} %`;
  return i.unit ? `${number(value, digits)} ${i.unit}` : number(value, digits);
}
