'use client';
import { useEffect, useState, type FormEvent } from 'react';
import { useCan, useSession } from '../session/SessionProvider';
import type { CameraRecord, CameraRegistryList } from '../../contracts/cameras';
import { useI18n } from '../i18n/I18nProvider';
import { readProblem, throwUnlessOk } from '../api/problem';

const PERIODS = [24, 24 * 7, 24 * 30] as const;

interface Draft {
  id: string;
  isNew: boolean;
  name: string;
  road: string;
  wardCode: string;
  lon: string;
  lat: string;
  streamUrl: string;
}

const draftOf = (c: CameraRecord | null): Draft => ({
  id: c?.id ?? '',
  isNew: c === null,
  name: c?.edit?.name ?? '',
  road: c?.edit?.road ?? '',
  wardCode: c?.edit?.wardCode ?? '',
  lon: c?.edit?.lon?.toString() ?? '',
  lat: c?.edit?.lat?.toString() ?? '',
  streamUrl: c?.edit?.streamUrl ?? '',
});

/**
 * The camera registry (/traffic/cameras): every camera with the fields in force and its uptime over a
 * chosen period, and the form to add a camera or correct one. A field the operator fills wins over
 * what the camera says in its meta; a field left empty follows the meta (shown as the placeholder).
 */
export function CameraRegistry() {
  const { t, number, time } = useI18n();
  const [hours, setHours] = useState<number>(24);
  const [list, setList] = useState<CameraRegistryList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [filter, setFilter] = useState('');

  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    fetch(`/api/cameras?hours=${hours}`, { cache: 'no-store' })
      .then(async (res) => {
        await throwUnlessOk(res);
        const body = (await res.json()) as CameraRegistryList;
        if (!current) return;
        setList(body);
        setLoadError(null);
      })
      .catch((err: unknown) => current && setLoadError(err instanceof Error ? err.message : String(err)));
    return () => {
      current = false;
    };
  }, [hours, version]);
  // Who edits is the signed-in user (the server takes it from the session).
  const user = useSession();
  const mayEdit = useCan('cameras.edit');

  const uptime = new Map(list?.uptime.byCamera.map((u) => [u.cameraId, u.uptimePct]));
  const needle = filter.trim().toLocaleLowerCase('vi');
  const shown = (list?.cameras ?? []).filter(
    (c) => !needle || [c.id, c.name, c.road, c.wardName].some((v) => v?.toLocaleLowerCase('vi').includes(needle)),
  );
  const editing = draft && !draft.isNew ? (list?.cameras.find((c) => c.id === draft.id) ?? null) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    // Text that is not a number goes as typed, so the answer names the field instead of it being dropped.
    const num = (v: string) => {
      if (v.trim() === '') return null;
      const n = Number(v.trim().replace(',', '.'));
      return Number.isFinite(n) ? n : v;
    };
    const body = {
      name: draft.name,
      road: draft.road,
      wardCode: draft.wardCode || null,
      lon: num(draft.lon),
      lat: num(draft.lat),
      streamUrl: draft.streamUrl,
    };
    const id = draft.id.trim();
    if (!id) return setProblems([`id: ${t('cameras.form.idRequired')}`]);
    const res = await fetch(`/api/cameras/${encodeURIComponent(id)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      const answer = await readProblem(res);
      return setProblems(answer.problems.length > 0 ? answer.problems : [answer.message]);
    }
    setProblems([]);
    setDraft(null);
    setSaved(id);
    setVersion((v) => v + 1);
  }

  const field = (
    key: keyof Omit<Draft, 'isNew'>,
    label: string,
    placeholder: string | null | undefined,
    extra: { type?: string; inputMode?: 'decimal' } = {},
  ) => (
    <label>
      <span>{label}</span>
      <input
        value={draft?.[key] ?? ''}
        placeholder={placeholder ?? ''}
        data-testid={`camera-form-${key}`}
        {...extra}
        onChange={(e) => setDraft((d) => (d ? { ...d, [key]: e.target.value } : d))}
      />
    </label>
  );

  return (
    <div className="camera-registry">
      <section className="panel" data-testid="camera-registry">
        <header>
          <h2>{t('cameras.registry')}</h2>
          <input
            type="search"
            className="filter"
            value={filter}
            placeholder={t('cameras.filter')}
            aria-label={t('cameras.filter')}
            data-testid="camera-filter"
            onChange={(e) => setFilter(e.target.value)}
          />
          <label className="period">
            {t('cameras.uptimePeriod')}{' '}
            <select value={hours} data-testid="uptime-period" onChange={(e) => setHours(Number(e.target.value))}>
              {PERIODS.map((h) => (
                <option key={h} value={h}>
                  {t(h === 24 ? 'cameras.period.day' : h === 168 ? 'cameras.period.week' : 'cameras.period.month')}
                </option>
              ))}
            </select>
          </label>
          {mayEdit && (
            <button
              type="button"
              data-testid="camera-add"
              onClick={() => {
                setDraft(draftOf(null));
                setProblems([]);
              }}
            >
              {t('cameras.add')}
            </button>
          )}
        </header>
        <div className="panel-body">
          {loadError && (
            <p className="error" role="alert">
              {t('cameras.loadFailed', { error: loadError })}
            </p>
          )}
          {saved && (
            <p className="ok" role="status" data-testid="camera-saved">
              {t('cameras.saved', { id: saved })}
            </p>
          )}
          {list && (
            <p className="muted">{t('cameras.uptimeNote', { minutes: number(list.uptime.offlineAfterMs / 60_000) })}</p>
          )}
          <table className="registry-table">
            <thead>
              <tr>
                <th>{t('cameras.col.name')}</th>
                <th>{t('cameras.col.road')}</th>
                <th>{t('cameras.col.ward')}</th>
                <th>{t('cameras.col.location')}</th>
                <th>{t('cameras.col.stream')}</th>
                <th className="num">{t('cameras.col.uptime')}</th>
                <th>{t('cameras.col.edited')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((c) => {
                const pct = uptime.get(c.id);
                return (
                  <tr key={c.id} data-testid="camera-row" data-camera={c.id}>
                    <td>
                      <span className="name">{c.name ?? c.id}</span> <span className="muted">{c.id}</span>
                    </td>
                    <td>{c.road ?? ''}</td>
                    <td>{c.wardName ?? ''}</td>
                    <td className="num">
                      {c.lat !== null && c.lon !== null
                        ? `${number(c.lat, 5)}, ${number(c.lon, 5)}`
                        : t('cameras.unplaced')}
                    </td>
                    <td>{c.streamUrl ? 'HLS' : '—'}</td>
                    <td className={`num ${pct !== undefined && pct < 95 ? 'bad' : ''}`} data-testid="camera-uptime">
                      {pct !== undefined ? `${number(pct, 2)} %` : '—'}
                    </td>
                    <td className="muted">
                      {c.edit
                        ? t('cameras.editedBy', { by: c.edit.by, time: time(c.edit.atMs) })
                        : t('cameras.fromMeta')}
                    </td>
                    <td>
                      {mayEdit && (
                        <button
                          type="button"
                          data-testid="camera-edit"
                          onClick={() => {
                            setDraft(draftOf(c));
                            setProblems([]);
                          }}
                        >
                          {t('cameras.edit')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {draft && (
        <form className="panel camera-form" onSubmit={(e) => void submit(e)} data-testid="camera-form">
          <header>
            <h2>{draft.isNew ? t('cameras.add') : t('cameras.editTitle', { id: draft.id })}</h2>
          </header>
          <div className="panel-body">
            <p className="muted">{t('cameras.form.hint')}</p>
            {draft.isNew && field('id', t('cameras.form.id'), 'cam-123')}
            {field('name', t('cameras.col.name'), editing?.meta.name)}
            {field('road', t('cameras.col.road'), editing?.meta.road)}
            <label>
              <span>{t('cameras.col.ward')}</span>
              <select
                value={draft.wardCode}
                data-testid="camera-form-wardCode"
                onChange={(e) => setDraft({ ...draft, wardCode: e.target.value })}
              >
                <option value="">{t('cameras.form.wardAuto')}</option>
                {list?.wards.map((w) => (
                  <option key={w.code} value={w.code}>
                    {w.name}
                  </option>
                ))}
              </select>
            </label>
            {field('lat', t('cameras.form.lat'), editing?.meta.lat?.toString(), { inputMode: 'decimal' })}
            {field('lon', t('cameras.form.lon'), editing?.meta.lon?.toString(), { inputMode: 'decimal' })}
            {field('streamUrl', t('cameras.form.stream'), editing?.meta.streamUrl ?? 'https://…/index.m3u8', {
              type: 'url',
            })}
            {user && (
              <p className="muted" data-testid="camera-form-operator">
                {t('alarms.operator')} {user.displayName} ({user.username})
              </p>
            )}
            {problems.length > 0 && (
              <ul className="error" role="alert" data-testid="camera-form-problems">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            )}
            <div className="actions">
              <button type="submit" data-testid="camera-form-save">
                {t('cameras.save')}
              </button>
              <button type="button" onClick={() => setDraft(null)}>
                {t('cameras.cancel')}
              </button>
            </div>
          </div>
        </form>
      )}
    </div>
  );
}
