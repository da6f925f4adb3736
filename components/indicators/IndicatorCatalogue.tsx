'use client';
import { useState, type FormEvent } from 'react';
import { INDICATOR_STALE_AFTER_MS, indicatorTone, type IndicatorItem } from '../../contracts/indicators';
import { INDICATOR_DISPLAYS, type KpiPanels, type WallLayout } from '../../contracts/wall';
import { useI18n } from '../i18n/I18nProvider';
import { useChannel } from '../realtime/useChannel';
import { useNow } from '../realtime/useNow';
import { LiveBadge } from '../panels/LiveBadge';
import { useCan } from '../session/SessionProvider';
import { indicatorLabel, indicatorValue } from './format';
import { readProblem } from '../api/problem';

const NEW_SCENE = '__new__';
/** The scene select's choice for the leaders' page (/kpi) instead of a wall scene. */
const KPI_PAGE = '__kpi__';
type Display = (typeof INDICATOR_DISPLAYS)[number];

interface EditDraft {
  item: IndicatorItem;
  labelVi: string;
  labelEn: string;
  unit: string;
  target: string;
  warn: string;
}
interface PlaceDraft {
  item: IndicatorItem;
  scene: string;
  titleVi: string;
  titleEn: string;
  display: Display;
  dim: string;
  hours: string;
}

const idOf = (i: Pick<IndicatorItem, 'source' | 'key'>) => `${i.source}/${i.key}`;
const numOrNull = (s: string): number | null | 'bad' =>
  s.trim() === '' ? null : Number.isFinite(Number(s.replace(',', '.'))) ? Number(s.replace(',', '.')) : 'bad';

/**
 * The indicator catalogue (/indicators), live: every indicator any city system sent (meta, values or
 * both), its label, unit, target and last value with its freshness. Admins correct labels, unit,
 * target and warning level (an override that wins over the system's meta), and place any indicator
 * on a wall scene as a tile, an hourly chart or a ranking by one of its dims.
 */
export function IndicatorCatalogue() {
  const { t, locale, number, time } = useI18n();
  const now = useNow(10_000);
  const { data, status, lastUpdate } = useChannel('indicators');
  const [filter, setFilter] = useState('');
  const [edit, setEdit] = useState<EditDraft | null>(null);
  const [place, setPlace] = useState<PlaceDraft | null>(null);
  const [layout, setLayout] = useState<WallLayout | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState<{ text: string; href: string | null } | null>(null);
  // Editing is for admins (the server refuses everyone else; the edit is recorded under the signed-in user).
  const mayEdit = useCan('indicators.edit');

  const needle = filter.trim().toLocaleLowerCase('vi');
  const items = (data?.items ?? []).filter(
    (i) => !needle || [i.source, i.key, i.labelVi, i.labelEn].some((v) => v?.toLocaleLowerCase('vi').includes(needle)),
  );

  async function send(url: string, body: unknown): Promise<boolean> {
    const res = await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.ok) return true;
    const answer = await readProblem(res);
    setProblems(answer.problems.length > 0 ? answer.problems : [answer.message]);
    return false;
  }

  async function saveEdit(e: FormEvent) {
    e.preventDefault();
    if (!edit) return;
    const target = numOrNull(edit.target);
    const warn = numOrNull(edit.warn);
    if (target === 'bad' || warn === 'bad')
      return setProblems([`${target === 'bad' ? 'target' : 'warn'}: ${t('indicators.col.target')} ≠ số`]);
    const ok = await send(
      `/api/indicators/${encodeURIComponent(edit.item.source)}/${encodeURIComponent(edit.item.key)}`,
      {
        labelVi: edit.labelVi || null,
        labelEn: edit.labelEn || null,
        unit: edit.unit || null,
        target,
        warn,
      },
    );
    if (ok) {
      setNotice({ text: t('indicators.saved', { id: idOf(edit.item) }), href: null });
      setEdit(null);
      setProblems([]);
    }
  }

  async function openPlace(item: IndicatorItem) {
    setEdit(null);
    setProblems([]);
    setNotice(null);
    const res = await fetch('/api/indicators/wall-layout', { cache: 'no-store' });
    if (!res.ok) return setProblems([t('indicators.loadFailed', { error: `HTTP ${res.status}` })]);
    const l = (await res.json()) as WallLayout;
    setLayout(l);
    const roomy = l.scenes.find((s) => s.panels.length < 4);
    setPlace({
      item,
      scene: roomy?.id ?? NEW_SCENE,
      titleVi: '',
      titleEn: '',
      display: 'tile',
      dim: item.dims[0] ?? '',
      hours: '24',
    });
  }

  async function savePlace(e: FormEvent) {
    e.preventDefault();
    if (!place || !layout) return;
    const panel = {
      kind: 'indicator' as const,
      source: place.item.source,
      key: place.item.key,
      display: place.display,
      hours: Number(place.hours) || 24,
      ...(place.display === 'ranking' ? { dim: place.dim } : {}),
    };
    if (place.scene === KPI_PAGE) return placeOnKpiPage(panel);
    let scenes = layout.scenes;
    let sceneTitle: string;
    if (place.scene === NEW_SCENE) {
      const base = `${place.item.source}-${place.item.key}`
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .slice(0, 32);
      let id = base;
      for (let n = 2; scenes.some((s) => s.id === id); n++) id = `${base}-${n}`;
      const label = indicatorLabel(place.item, 'vi');
      const title_vi = place.titleVi.trim() || label;
      const title_en = place.titleEn.trim() || indicatorLabel(place.item, 'en');
      scenes = [...scenes, { id, title_vi, title_en, panels: [panel] }];
      sceneTitle = locale === 'vi' ? title_vi : title_en;
    } else {
      const scene = scenes.find((s) => s.id === place.scene);
      if (!scene) return;
      sceneTitle = locale === 'vi' ? scene.title_vi : scene.title_en;
      if (scene.panels.length >= 4) return setProblems([t('indicators.sceneFull', { scene: sceneTitle })]);
      scenes = scenes.map((s) => (s.id === scene.id ? { ...s, panels: [...s.panels, panel] } : s));
    }
    const ok = await send('/api/indicators/wall-layout', { layout: { ...layout, scenes } });
    done(ok, sceneTitle, '/wall');
  }

  async function placeOnKpiPage(panel: KpiPanels['panels'][number]) {
    const res = await fetch('/api/indicators/kpi-panels', { cache: 'no-store' });
    if (!res.ok) return setProblems([t('indicators.loadFailed', { error: `HTTP ${res.status}` })]);
    const current = (await res.json()) as KpiPanels;
    done(await send('/api/indicators/kpi-panels', { panels: [...current.panels, panel] }), t('nav.kpi'), '/kpi');
  }

  function done(ok: boolean, sceneTitle: string, href: string) {
    if (ok) {
      setNotice({ text: t('indicators.placed', { scene: sceneTitle }), href });
      setPlace(null);
      setProblems([]);
    }
  }

  return (
    <section className="panel indicator-catalogue" data-testid="indicator-catalogue">
      <header>
        <h2 data-testid="indicator-count">{data ? t('indicators.count', { n: number(data.items.length) }) : '—'}</h2>
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder={t('indicators.filter')}
          aria-label={t('indicators.filter')}
          data-testid="indicator-filter"
        />
        <LiveBadge status={status} lastUpdate={lastUpdate} />
      </header>
      {notice && (
        <p className="notice" role="status" data-testid="indicator-notice">
          {notice.text} {notice.href && <a href={notice.href}>{t('indicators.openWall')}</a>}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="problems" role="alert" data-testid="indicator-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}

      {edit && (
        <form className="indicator-form" onSubmit={saveEdit} data-testid="indicator-edit-form">
          <h3>{t('indicators.editTitle', { id: idOf(edit.item) })}</h3>
          <p className="hint">{t('indicators.followsMeta')}</p>
          <label>
            {t('indicators.labelVi')}
            <input
              name="labelVi"
              value={edit.labelVi}
              placeholder={edit.item.edit?.labelVi ? '' : (edit.item.labelVi ?? '')}
              onChange={(e) => setEdit({ ...edit, labelVi: e.target.value })}
            />
          </label>
          <label>
            {t('indicators.labelEn')}
            <input
              name="labelEn"
              value={edit.labelEn}
              placeholder={edit.item.edit?.labelEn ? '' : (edit.item.labelEn ?? '')}
              onChange={(e) => setEdit({ ...edit, labelEn: e.target.value })}
            />
          </label>
          <label>
            {t('indicators.col.unit')}
            <input
              name="unit"
              value={edit.unit}
              placeholder={edit.item.edit?.unit ? '' : (edit.item.unit ?? '')}
              onChange={(e) => setEdit({ ...edit, unit: e.target.value })}
            />
          </label>
          <label>
            {t('indicators.col.target')}
            <input
              name="target"
              inputMode="decimal"
              value={edit.target}
              placeholder={edit.item.edit?.target != null ? '' : (edit.item.target?.toString() ?? '')}
              onChange={(e) => setEdit({ ...edit, target: e.target.value })}
            />
          </label>
          <label>
            {t('indicators.col.warn')}
            <input
              name="warn"
              inputMode="decimal"
              value={edit.warn}
              placeholder={edit.item.edit?.warn != null ? '' : (edit.item.warn?.toString() ?? '')}
              onChange={(e) => setEdit({ ...edit, warn: e.target.value })}
            />
          </label>
          <div className="actions">
            <button type="submit" data-testid="indicator-edit-save">
              {t('indicators.save')}
            </button>
            <button type="button" onClick={() => setEdit(null)}>
              {t('indicators.cancel')}
            </button>
          </div>
        </form>
      )}

      {place && layout && (
        <form className="indicator-form" onSubmit={savePlace} data-testid="indicator-place-form">
          <h3>{t('indicators.placeTitle', { label: indicatorLabel(place.item, locale) })}</h3>
          <label>
            {t('indicators.scene')}
            <select
              name="scene"
              value={place.scene}
              onChange={(e) => setPlace({ ...place, scene: e.target.value })}
              data-testid="indicator-place-scene"
            >
              {layout.scenes.map((s) => (
                <option key={s.id} value={s.id} disabled={s.panels.length >= 4}>
                  {locale === 'vi' ? s.title_vi : s.title_en} ({s.panels.length}/4)
                </option>
              ))}
              <option value={NEW_SCENE}>{t('indicators.newScene')}</option>
              <option value={KPI_PAGE}>{t('indicators.kpiPage')}</option>
            </select>
          </label>
          {place.scene === NEW_SCENE && (
            <>
              <label>
                {t('indicators.newSceneVi')}
                <input
                  name="titleVi"
                  value={place.titleVi}
                  placeholder={indicatorLabel(place.item, 'vi')}
                  onChange={(e) => setPlace({ ...place, titleVi: e.target.value })}
                />
              </label>
              <label>
                {t('indicators.newSceneEn')}
                <input
                  name="titleEn"
                  value={place.titleEn}
                  placeholder={indicatorLabel(place.item, 'en')}
                  onChange={(e) => setPlace({ ...place, titleEn: e.target.value })}
                />
              </label>
            </>
          )}
          <label>
            {t('indicators.display')}
            <select
              name="display"
              value={place.display}
              onChange={(e) => setPlace({ ...place, display: e.target.value as Display })}
              data-testid="indicator-place-display"
            >
              {INDICATOR_DISPLAYS.map((d) => (
                <option key={d} value={d} disabled={d === 'ranking' && place.item.dims.length === 0}>
                  {t(`indicators.display.${d}`)}
                </option>
              ))}
            </select>
          </label>
          {place.display === 'ranking' && (
            <label>
              {t('indicators.dim')}
              <select name="dim" value={place.dim} onChange={(e) => setPlace({ ...place, dim: e.target.value })}>
                {place.item.dims.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
          )}
          {place.display !== 'tile' && (
            <label>
              {t('indicators.hours')}
              <input
                name="hours"
                inputMode="numeric"
                value={place.hours}
                onChange={(e) => setPlace({ ...place, hours: e.target.value })}
              />
            </label>
          )}
          <div className="actions">
            <button type="submit" data-testid="indicator-place-save">
              {t('indicators.place')}
            </button>
            <button type="button" onClick={() => setPlace(null)}>
              {t('indicators.cancel')}
            </button>
          </div>
        </form>
      )}

      {data && items.length === 0 && <p className="empty">{t('indicators.empty')}</p>}
      <table className="indicator-table">
        <thead>
          <tr>
            <th>{t('indicators.col.label')}</th>
            <th>{t('indicators.col.source')}</th>
            <th>{t('indicators.col.unit')}</th>
            <th className="num">{t('indicators.col.target')}</th>
            <th className="num">{t('indicators.col.warn')}</th>
            <th className="num">{t('indicators.col.last')}</th>
            <th>{t('indicators.col.freshness')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((i) => {
            const stale = i.lastTimeMs === null || now - i.lastTimeMs > INDICATOR_STALE_AFTER_MS;
            const tone = indicatorTone(i, i.lastValue);
            return (
              <tr key={idOf(i)} data-testid={`indicator-row-${i.source}-${i.key}`}>
                <td>
                  <strong data-testid="indicator-label">{indicatorLabel(i, locale)}</strong>
                  {i.labelVi === null && <span className="muted"> · {t('indicators.noMeta')}</span>}
                  {i.edit && <span className="muted"> · {t('indicators.edited', { by: i.edit.by })}</span>}
                  {i.dims.length > 0 && (
                    <div className="muted">
                      {t('indicators.series', { n: number(i.series), dims: i.dims.join(', ') })}
                    </div>
                  )}
                </td>
                <td>
                  <code>{idOf(i)}</code>
                </td>
                <td data-testid="indicator-unit">{i.kind === 'percent' ? '%' : (i.unit ?? '')}</td>
                <td className="num">{i.target === null ? '' : indicatorValue(i, i.target, number)}</td>
                <td className="num">{i.warn === null ? '' : indicatorValue(i, i.warn, number)}</td>
                <td className={`num tone-${tone}`} data-testid="indicator-last" data-tone={tone}>
                  {indicatorValue(i, i.lastValue, number)}
                </td>
                <td>
                  {i.lastTimeMs !== null && <span>{time(i.lastTimeMs)} </span>}
                  <span
                    className={stale ? 'stale-badge' : 'fresh-badge'}
                    data-testid="indicator-freshness"
                    data-stale={stale}
                  >
                    {stale ? t('indicators.stale') : t('indicators.fresh')}
                  </span>
                </td>
                <td className="actions">
                  {mayEdit && (
                    <>
                      <button
                        type="button"
                        onClick={() => {
                          setPlace(null);
                          setProblems([]);
                          setEdit({
                            item: i,
                            labelVi: i.edit?.labelVi ?? '',
                            labelEn: i.edit?.labelEn ?? '',
                            unit: i.edit?.unit ?? '',
                            target: i.edit?.target?.toString() ?? '',
                            warn: i.edit?.warn?.toString() ?? '',
                          });
                        }}
                        data-testid="indicator-edit"
                      >
                        {t('indicators.edit')}
                      </button>
                      <button type="button" onClick={() => void openPlace(i)} data-testid="indicator-place">
                        {t('indicators.place')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
