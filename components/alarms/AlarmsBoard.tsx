'use client';
import type { AlarmItem } from '../../contracts/channels';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { KpiTile } from '../panels/KpiTile';
import { PanelFrame } from '../panels/PanelFrame';
import { useChannel } from '../realtime/useChannel';
import { useNow } from '../realtime/useNow';

/** The most severe first; among equals, the newest first. */
const worstFirst = (alarms: readonly AlarmItem[] | undefined) => [...(alarms ?? [])].sort((a, b) => b.severity - a.severity || b.startedMs - a.startedMs);

/** "12 phút" / "1 giờ 5 phút": how long an alarm has been active. */
function useDuration() {
  const { t } = useI18n();
  return (ms: number) => {
    const minutes = Math.max(0, Math.floor(ms / 60_000));
    return minutes < 60 ? t('alarms.minutes', { m: minutes }) : t('alarms.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
  };
}

/**
 * The active alarms, worst first. Interim source: serious camera events of the last hour (the
 * alarms issue brings rules, acknowledgement and history); the list moves live.
 */
export function AlarmsBoard() {
  const { t } = useI18n();
  const { data } = useChannel('alarms');
  const active = worstFirst(data?.active);
  const critical = active.filter((a) => a.severity >= 3).length;
  return (
    <div className="alarms-board">
      <div className="tiles">
        <KpiTile testId="alarms-active" label={t('alarms.active')} value={data ? active.length : null} tone={active.length > 0 ? 'bad' : 'good'} />
        <KpiTile testId="alarms-critical" label={t('alarms.critical')} value={data ? critical : null} tone={critical > 0 ? 'bad' : 'good'} />
      </div>
      <ActiveAlarmsPanel />
    </div>
  );
}

/** The list of active alarms, worst first, with how long each has lasted. */
export function ActiveAlarmsPanel() {
  const { t, number, time } = useI18n();
  const duration = useDuration();
  const { data, status, lastUpdate } = useChannel('alarms');
  const now = useNow(15_000);
  const active = worstFirst(data?.active);
  return (
    <PanelFrame title={t('alarms.list')} status={status} lastUpdate={lastUpdate} testId="alarm-list" className="alarm-list">
      {data && active.length === 0 && <p className="empty all-clear">{t('alarms.none')}</p>}
      <table>
        <thead>
          <tr>
            <th>{t('alarms.severity')}</th><th>{t('alarms.type')}</th><th>{t('alarms.where')}</th><th>{t('alarms.started')}</th><th>{t('alarms.duration')}</th>
          </tr>
        </thead>
        <tbody>
          {active.map((a) => (
            <tr key={a.id} className={`sev-${a.severity}`} data-testid="alarm-row">
              <td><span className="sev-pill">{t(`alarms.sev${Math.min(3, Math.max(1, a.severity))}` as MessageKey)}</span></td>
              <td>{t(`event.${a.type}` as MessageKey)}</td>
              <td>{a.title} <span className="muted">({a.cameraId})</span></td>
              <td className="num">{time(a.startedMs)}</td>
              <td className="num">{duration(now - a.startedMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && <p className="muted small">{t('alarms.interim', { n: number(active.length) })}</p>}
    </PanelFrame>
  );
}
