'use client';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { KioskListItem } from '../../contracts/kiosks';
import type { WallLayout } from '../../contracts/wall';
import { useI18n } from '../i18n/I18nProvider';
import { INTL_LOCALE, TIME_ZONE, type MessageKey } from '../i18n/messages';
import { readProblem, throwUnlessOk } from '../api/problem';

const EXPIRY_DAYS = [1, 7, 30, 90, 365] as const;

/** The one moment the kiosk URL exists outside the wall: shown once, with a copy button. */
function IssuedToken({ name, url, onClose }: { name: string; url: string; onClose: () => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    // The clipboard API needs a secure context (HTTPS or localhost); a console opened over plain
    // HTTP on the LAN falls back to selecting the text and the older copy command.
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      input.current?.select();
      document.execCommand('copy');
    }
    setCopied(true);
  };
  return (
    <div className="kiosk-issued" role="status" data-testid="kiosk-issued">
      <p>{t('kiosks.once', { name })}</p>
      <div className="kiosk-url">
        <input ref={input} readOnly value={url} data-testid="kiosk-url" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void copy()} data-testid="kiosk-copy">
          {copied ? t('kiosks.copied') : t('kiosks.copy')}
        </button>
        <button type="button" onClick={onClose} data-testid="kiosk-issued-close">
          {t('kiosks.close')}
        </button>
      </div>
    </div>
  );
}

/** The admins' page of video-wall kiosk tokens: issue one (bound to scenes of the wall layout), see each one's use, revoke. */
export function KiosksAdmin() {
  const { t, locale } = useI18n();
  const [kiosks, setKiosks] = useState<KioskListItem[] | null>(null);
  const [layout, setLayout] = useState<WallLayout | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [issued, setIssued] = useState<{ name: string; url: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const when = useMemo(
    () => new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }),
    [locale],
  );

  useEffect(() => {
    let current = true;
    fetch('/api/admin/kiosks', { cache: 'no-store' })
      .then(async (res) => {
        await throwUnlessOk(res);
        const body = (await res.json()) as { kiosks: KioskListItem[] };
        if (current) setKiosks(body.kiosks);
      })
      .catch((err: unknown) => current && setProblem(err instanceof Error ? err.message : String(err)));
    return () => {
      current = false;
    };
  }, [version]);
  useEffect(() => {
    let current = true;
    fetch('/api/indicators/wall-layout', { cache: 'no-store' })
      .then(async (res) => (res.ok ? ((await res.json()) as WallLayout) : null))
      .then((l) => current && l && setLayout(l))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);

  const sceneTitle = (id: string) => {
    const s = layout?.scenes.find((x) => x.id === id);
    return s ? (locale === 'vi' ? s.title_vi : s.title_en) : id;
  };
  const errorOf = async (res: Response | null) => {
    const answer = await readProblem(res);
    return answer.status === 0 ? t('auth.failed') : answer.message;
  };

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    const f = new FormData(el);
    const rotate = String(f.get('rotateSeconds') ?? '');
    const days = String(f.get('expiresDays') ?? '');
    const name = String(f.get('name') ?? '');
    const res = await fetch('/api/admin/kiosks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name,
        scenes: picked,
        rotateSeconds: rotate ? Number(rotate) : null,
        expiresAtMs: days ? Date.now() + Number(days) * 86_400_000 : null,
      }),
    }).catch(() => null);
    if (!res?.ok) {
      setProblem(await errorOf(res));
      return;
    }
    const body = (await res.json()) as { path: string };
    setProblem(null);
    setIssued({ name: name.trim(), url: `${window.location.origin}${body.path}` });
    setPicked([]);
    el.reset();
    setVersion((v) => v + 1);
  };

  const revoke = async (k: KioskListItem) => {
    if (!window.confirm(t('kiosks.confirmRevoke', { name: k.name }))) return;
    const res = await fetch(`/api/admin/kiosks/${k.id}/revoke`, { method: 'POST' }).catch(() => null);
    setProblem(res?.ok ? null : await errorOf(res));
    setVersion((v) => v + 1);
  };

  const toggle = (id: string, on: boolean) => setPicked((p) => (on ? [...p, id] : p.filter((x) => x !== id)));

  return (
    <section className="panel users-panel kiosks-panel" data-testid="kiosks-admin">
      <form className="users-form kiosk-form" onSubmit={(e) => void create(e)} data-testid="kiosk-create">
        <label>
          <span>{t('kiosks.name')}</span>
          <input
            name="name"
            required
            maxLength={64}
            placeholder={t('kiosks.namePlaceholder')}
            data-testid="kiosk-name"
          />
        </label>
        <label>
          <span>{t('kiosks.rotate')}</span>
          <input name="rotateSeconds" type="number" min={5} max={3600} placeholder={t('kiosks.rotateDefault')} />
        </label>
        <label>
          <span>{t('kiosks.expires')}</span>
          <select name="expiresDays" defaultValue="">
            <option value="">{t('kiosks.never')}</option>
            {EXPIRY_DAYS.map((d) => (
              <option key={d} value={d}>
                {t('kiosks.days', { n: d })}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="kiosk-scenes">
          <legend>{t('kiosks.scenes')}</legend>
          {layout?.scenes.map((s) => (
            <label key={s.id} className="check">
              <input
                type="checkbox"
                checked={picked.includes(s.id)}
                onChange={(e) => toggle(s.id, e.target.checked)}
                data-testid={`kiosk-scene-${s.id}`}
              />
              {picked.includes(s.id) ? <b>{picked.indexOf(s.id) + 1}.</b> : null}{' '}
              {locale === 'vi' ? s.title_vi : s.title_en}
            </label>
          ))}
          <small>{t('kiosks.scenesHint')}</small>
        </fieldset>
        <button type="submit" data-testid="kiosk-submit">
          {t('kiosks.create')}
        </button>
      </form>
      {issued && <IssuedToken name={issued.name} url={issued.url} onClose={() => setIssued(null)} />}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('kiosks.name')}</th>
            <th>{t('kiosks.scenes')}</th>
            <th>{t('kiosks.created')}</th>
            <th>{t('kiosks.lastUsed')}</th>
            <th>{t('kiosks.status')}</th>
            <th>{t('kiosks.sessions')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {kiosks?.length === 0 && (
            <tr>
              <td colSpan={7}>{t('kiosks.none')}</td>
            </tr>
          )}
          {kiosks?.map((k) => (
            <tr
              key={k.id}
              data-testid="kiosk-row"
              data-name={k.name}
              data-status={k.status}
              className={k.status === 'active' ? '' : 'muted'}
            >
              <td>{k.name}</td>
              <td>
                {k.scenes.length === 0 ? t('kiosks.allScenes') : k.scenes.map(sceneTitle).join(' → ')}
                {k.rotateSeconds !== null ? ` · ${k.rotateSeconds} s` : ''}
              </td>
              <td>
                {when.format(k.createdMs)} <small>{t('kiosks.by', { who: k.createdBy })}</small>
              </td>
              <td data-testid="kiosk-last-used">
                {k.lastUsedMs === null ? (
                  t('kiosks.notUsed')
                ) : (
                  <>
                    {when.format(k.lastUsedMs)}{' '}
                    {k.lastUsedIp ? <small>{t('kiosks.from', { ip: k.lastUsedIp })}</small> : null}
                  </>
                )}
              </td>
              <td>
                {t(`kiosks.status.${k.status}` as MessageKey)}
                {k.status === 'revoked' && k.revokedMs !== null ? (
                  <small>
                    {' '}
                    {when.format(k.revokedMs)} {t('kiosks.by', { who: k.revokedBy ?? '' })}
                  </small>
                ) : null}
                {k.status === 'active' && k.expiresAtMs !== null ? (
                  <small>
                    {' '}
                    · {t('kiosks.expires')} {when.format(k.expiresAtMs)}
                  </small>
                ) : null}
              </td>
              <td className="num">{k.sessions}</td>
              <td className="actions">
                {k.status !== 'revoked' && (
                  <button type="button" onClick={() => void revoke(k)} data-testid="kiosk-revoke">
                    {t('kiosks.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
