'use client';
import { useState } from 'react';
import { useCan, useSession } from '../session/SessionProvider';
import type { AlarmItem } from '../../contracts/channels';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { KpiTile } from '../panels/KpiTile';
import { PanelFrame } from '../panels/PanelFrame';
import { useChannel } from '../realtime/useChannel';
import { AlarmHistory } from './AlarmHistory';
import { useNow } from '../realtime/useNow';
import { readProblem } from '../api/problem';

/** The most severe first; among equals, the newest first. */
const worstFirst = (alarms: readonly AlarmItem[] | undefined) =>
  [...(alarms ?? [])].sort((a, b) => b.severity - a.severity || b.startedMs - a.startedMs);

/** "12 phút" / "1 giờ 5 phút": how long an alarm has been active. */
function useDuration() {
  const { t } = useI18n();
  return (ms: number) => {
    const minutes = Math.max(0, Math.floor(ms / 60_000));
    return minutes < 60
      ? t('alarms.minutes', { m: minutes })
      : t('alarms.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
  };
}

/**
 * The open alarms, worst first, raised by the rules in `ALARM_RULES` (alarms/): acknowledged ones
 * stay listed, marked, until their condition ends or someone clears them. The list moves live.
 * Below, the history: every alarm of a period with its audit trail.
 */
export function AlarmsBoard() {
  const { t } = useI18n();
  const { data } = useChannel('alarms');
  const active = worstFirst(data?.active);
  const critical = active.filter((a) => a.severity >= 3).length;
  const unacknowledged = active.filter((a) => a.state === 'active').length;
  return (
    <div className="alarms-board">
      <div className="tiles">
        <KpiTile
          testId="alarms-active"
          label={t('alarms.active')}
          value={data ? active.length : null}
          tone={active.length > 0 ? 'bad' : 'good'}
        />
        <KpiTile
          testId="alarms-critical"
          label={t('alarms.critical')}
          value={data ? critical : null}
          tone={critical > 0 ? 'bad' : 'good'}
        />
        <KpiTile
          testId="alarms-unacknowledged"
          label={t('alarms.unacknowledged')}
          value={data ? unacknowledged : null}
          tone={unacknowledged > 0 ? 'warn' : 'good'}
        />
      </div>
      <ActiveAlarmsPanel actions />
      <AlarmHistory />
    </div>
  );
}

/** The list of open alarms, worst first, with how long each has lasted; `actions`: acknowledge and clear buttons (not on the wall). */
export function ActiveAlarmsPanel({ actions: wanted = false }: { actions?: boolean }) {
  const { t, number, time, locale } = useI18n();
  const duration = useDuration();
  const { data, status, lastUpdate } = useChannel('alarms');
  const now = useNow(15_000);
  const active = worstFirst(data?.active);
  const [error, setError] = useState<string | null>(null);
  // Who acts is the signed-in user (the server takes it from the session); roles that may not act see no buttons.
  const user = useSession();
  const mayAct = useCan('alarms.act');
  const actions = wanted && mayAct;
  const act = async (a: AlarmItem, action: 'acknowledge' | 'clear') => {
    const note = action === 'acknowledge' ? window.prompt(t('alarms.notePrompt'), '') : null;
    if (action === 'acknowledge' && note === null) return;
    const res = await fetch(`/api/alarms/${a.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action, ...(note ? { note } : {}) }),
    }).catch(() => null);
    // A colleague was first (possibly through the camera event on /traffic): say who, as the feed does.
    const taken =
      res?.status === 409
        ? ((await readProblem(res)).members.ack as { by?: unknown; atMs?: unknown } | undefined)
        : undefined;
    setError(
      res?.ok
        ? null
        : typeof taken?.by === 'string' && typeof taken.atMs === 'number'
          ? t('alarms.taken', { who: taken.by, time: time(taken.atMs) })
          : t('alarms.actionFailed'),
    );
  };
  return (
    <PanelFrame
      title={t('alarms.list')}
      status={status}
      lastUpdate={lastUpdate}
      testId="alarm-list"
      className="alarm-list"
    >
      {actions && user && (
        <p className="operator muted" data-testid="alarm-operator">
          {t('alarms.operator')} {user.displayName} ({user.username})
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && active.length === 0 && <p className="empty all-clear">{t('alarms.none')}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('alarms.severity')}</th>
            <th>{t('alarms.type')}</th>
            <th>{t('alarms.where')}</th>
            <th>{t('alarms.started')}</th>
            <th>{t('alarms.duration')}</th>
            {actions && <th>{t('alarms.state')}</th>}
          </tr>
        </thead>
        <tbody>
          {active.map((a) => (
            <tr
              key={a.id}
              className={`sev-${a.severity} state-${a.state}`}
              data-testid="alarm-row"
              data-alarm={a.id}
              data-rule={a.ruleId}
              data-subject={a.subject}
            >
              <td>
                <span className="sev-pill">{t(`alarms.sev${Math.min(3, Math.max(1, a.severity))}` as MessageKey)}</span>
              </td>
              <td>
                {a.name[locale]}
                {a.kind === 'camera_event'
                  ? ` · ${t(`event.${a.type}` as MessageKey)}`
                  : a.value !== null && a.kind === 'threshold'
                    ? ` · ${number(a.value, 1)}`
                    : ''}
              </td>
              <td>
                {a.title}
                {a.cameraId && a.title !== a.cameraId ? <span className="muted"> ({a.cameraId})</span> : null}
              </td>
              <td className="num">{time(a.startedMs)}</td>
              <td className="num">{duration(now - a.startedMs)}</td>
              {actions && (
                <td className="alarm-actions">
                  {a.state === 'acknowledged' ? (
                    <span className="acked" title={a.ackNote ?? ''}>
                      {t('alarms.ackedBy', { who: a.ackedBy ?? '?' })}
                    </span>
                  ) : (
                    <button onClick={() => void act(a, 'acknowledge')} data-testid="alarm-ack">
                      {t('alarms.acknowledge')}
                    </button>
                  )}
                  <button onClick={() => void act(a, 'clear')} data-testid="alarm-clear">
                    {t('alarms.clear')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {data && <p className="muted small">{t('alarms.footer', { n: number(active.length) })}</p>}
    </PanelFrame>
  );
}
