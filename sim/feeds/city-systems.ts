/**
 * The city's other systems as generic indicators (docs/indicators.md): the one-stop-shop centre's
 * queue (tickets issued and served, waiting time p50/p90 per counter) and its rating tablets, the
 * security operations centre (malware connections blocked per agency, intrusion alerts), and social
 * listening (mentions by sentiment). One value per series every 15 minutes, keyed by its slot, so a
 * live run and the history give the same figures for the same quarter hour.
 */
import type { IndicatorMeta } from '../../contracts/mqtt/payloads';
import { topics } from '../../contracts/mqtt/topics';
import type { CityModel } from '../city-model';
import { MINUTE, isoLocal, localTime } from '../clock';
import { fbm, hourBump } from '../noise';
import { inOfficeHours, isWorkingDay } from '../office-hours';
import { hash32, rngFor } from '../rng';
import type { SimMessage, TimeWindow } from '../message';

export const SLOT_MS = 15 * MINUTE;
/** The counters of the city's public administration service centre (Trung tâm Phục vụ hành chính công). */
export const COUNTERS = ['Q01', 'Q02', 'Q03', 'Q04', 'Q05', 'Q06'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

export const CITY_INDICATORS: Record<string, IndicatorMeta> = {
  'motcua/tickets_issued': {
    label_vi: 'Phiếu xếp hàng đã phát',
    label_en: 'Queue tickets issued',
    unit: 'phiếu',
    direction: 'higher_is_better',
    kind: 'counter',
  },
  'motcua/tickets_served': {
    label_vi: 'Lượt công dân đã được phục vụ',
    label_en: 'Citizens served',
    unit: 'lượt',
    direction: 'higher_is_better',
    kind: 'counter',
  },
  'motcua/wait_p50_min': {
    label_vi: 'Thời gian chờ trung vị',
    label_en: 'Median waiting time',
    unit: 'phút',
    direction: 'lower_is_better',
    target: 15,
    warn: 25,
    kind: 'gauge',
  },
  'motcua/wait_p90_min': {
    label_vi: 'Thời gian chờ (90 % công dân)',
    label_en: 'Waiting time, 90th percentile',
    unit: 'phút',
    direction: 'lower_is_better',
    target: 30,
    warn: 45,
    kind: 'gauge',
  },
  'motcua/satisfaction_pct': {
    label_vi: 'Tỷ lệ hài lòng (máy đánh giá)',
    label_en: 'Satisfaction (rating tablets)',
    unit: '%',
    direction: 'higher_is_better',
    target: 90,
    warn: 80,
    kind: 'percent',
  },
  'soc/malware_blocked': {
    label_vi: 'Kết nối mã độc bị chặn',
    label_en: 'Malware connections blocked',
    unit: 'lượt',
    direction: 'lower_is_better',
    warn: 40,
    kind: 'counter',
  },
  'soc/intrusion_alerts': {
    label_vi: 'Cảnh báo tấn công mạng',
    label_en: 'Intrusion alerts',
    unit: 'cảnh báo',
    direction: 'lower_is_better',
    target: 0,
    warn: 2,
    kind: 'counter',
  },
  'social/mentions': {
    label_vi: 'Lượt đề cập trên mạng xã hội',
    label_en: 'Social-media mentions',
    unit: 'lượt',
    direction: 'higher_is_better',
    kind: 'counter',
  },
  'social/negative_share_pct': {
    label_vi: 'Tỷ lệ đề cập tiêu cực',
    label_en: 'Negative mentions share',
    unit: '%',
    direction: 'lower_is_better',
    target: 20,
    warn: 35,
    kind: 'percent',
  },
};

export function cityIndicatorMetas(model: CityModel): SimMessage[] {
  return Object.entries(CITY_INDICATORS).map(([id, meta]) => {
    const [source, key] = id.split('/') as [string, string];
    return { topic: topics.indicatorMeta(model.city.id, source, key), payload: meta, retain: true };
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The values of every series at the slots ending in the window. */
export function* cityIndicatorMessages(model: CityModel, window: TimeWindow): Generator<SimMessage> {
  const tz = model.city.timeZone;
  const city = model.city.id;
  const value = (source: string, key: string, ts: number, v: number, dims?: Record<string, string>): SimMessage => ({
    topic: topics.indicatorValue(city, source, key),
    payload: { ts: isoLocal(ts, tz), value: v, ...(dims ? { dims } : {}) },
  });
  const provinceAgencies = model.agencies.filter((a) => a.level === 'province').slice(0, 12);
  for (let slot = Math.ceil(window.from / SLOT_MS); slot * SLOT_MS < window.to; slot++) {
    const ts = slot * SLOT_MS;
    const local = localTime(ts, tz);
    const open = isWorkingDay(local.weekday) && inOfficeHours(ts - 1, tz);
    // One-stop shop: busiest mid-morning and early afternoon; a queue only while the centre is open.
    if (open) {
      const busy = 0.4 + hourBump(local.hour, 9.5, 1.2) + 0.7 * hourBump(local.hour, 14.5, 1.2);
      for (const counter of COUNTERS) {
        const r = rngFor(model.seed, 'motcua', counter, slot);
        const issued = r.poisson(6 * busy);
        const served = Math.max(0, issued + r.int(-2, 2));
        const p50 = Math.max(
          1,
          round1(6 + 14 * busy + 4 * fbm(hash32(model.seed, counter), ts / (3 * 3_600_000)) + r.range(-2, 2)),
        );
        const dims = { counter };
        yield value('motcua', 'tickets_issued', ts, issued, dims);
        yield value('motcua', 'tickets_served', ts, served, dims);
        yield value('motcua', 'wait_p50_min', ts, p50, dims);
        yield value('motcua', 'wait_p90_min', ts, round1(p50 * r.range(1.8, 2.6)), dims);
        if (served > 0)
          yield value('motcua', 'satisfaction_pct', ts, round1(Math.min(100, 93 - 0.25 * p50 + r.range(-4, 4))), dims);
      }
    }
    // Security operations centre: a steady background with bursts, around the clock.
    const soc = rngFor(model.seed, 'soc', slot);
    for (const a of provinceAgencies) {
      const r = rngFor(model.seed, 'soc', a.id, slot);
      yield value('soc', 'malware_blocked', ts, r.poisson(r.chance(0.03) ? 25 : 3), { agency: a.id });
    }
    yield value('soc', 'intrusion_alerts', ts, soc.chance(0.05) ? soc.int(1, 4) : 0);
    // Social listening: more talk by day; the share of negative mentions drifts slowly.
    const talk = 5 + 30 * hourBump(local.hour, 12, 4) + 15 * hourBump(local.hour, 20.5, 1.5);
    const negShare = 0.18 + 0.12 * fbm(hash32(model.seed, 'social'), ts / (6 * 3_600_000));
    const sr = rngFor(model.seed, 'social', slot);
    const total = sr.poisson(talk);
    const negative = Math.round(total * Math.max(0, negShare));
    const positive = Math.round((total - negative) * sr.range(0.3, 0.5));
    const counts = { positive, neutral: total - negative - positive, negative };
    for (const sentiment of SENTIMENTS) yield value('social', 'mentions', ts, counts[sentiment], { sentiment });
    if (total > 0) yield value('social', 'negative_share_pct', ts, round1((100 * negative) / total));
  }
}
