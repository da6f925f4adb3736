'use client';
import { useEffect, useState } from 'react';
import type { TaskBucket, TaskFigures, TaskKpis, TaskRecord } from '../../contracts/tasks';
import { useI18n } from '../i18n/I18nProvider';
import { PanelFrame } from '../panels/PanelFrame';
import { KpiTile } from '../panels/KpiTile';
import { throwUnlessOk } from '../api/problem';

/** The task figures change with new events and with the clock (overdue now): read again this often. */
const REFRESH_MS = 60_000;

interface Drill {
  bucket: TaskBucket;
  agency: string | null;
  leader: string | null;
  title: string;
}

/**
 * Leaders' assigned tasks (nhiệm vụ được giao) of the last 90 days: assigned, done on time, done
 * late, overdue now — city-wide, by owner agency and by assigning leader; every figure opens the
 * tasks behind it.
 */
export function TaskPanel({ className }: { className?: string }) {
  const { t, number, time } = useI18n();
  const [kpis, setKpis] = useState<TaskKpis | null>(null);
  const [ok, setOk] = useState<boolean | null>(null);
  const [lastUpdate, setLastUpdate] = useState<number | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [tasks, setTasks] = useState<TaskRecord[] | null>(null);

  useEffect(() => {
    let current = true;
    const load = () =>
      fetch('/api/tasks', { cache: 'no-store' })
        .then(async (res) => {
          await throwUnlessOk(res);
          const body = (await res.json()) as TaskKpis;
          if (!current) return;
          setKpis(body);
          setOk(true);
          setLastUpdate(Date.now());
        })
        .catch(() => current && setOk(false));
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    if (!drill || !kpis) return;
    let current = true;
    const q = new URLSearchParams({
      bucket: drill.bucket,
      from: new Date(kpis.fromMs).toISOString(),
      to: new Date(kpis.toMs).toISOString(),
    });
    if (drill.agency) q.set('agency', drill.agency);
    if (drill.leader !== null) q.set('leader', drill.leader);
    setTasks(null);
    fetch(`/api/tasks/records?${q}`, { cache: 'no-store' })
      .then(async (res) => (res.ok ? ((await res.json()) as { tasks: TaskRecord[] }) : { tasks: [] }))
      .then((b) => current && setTasks(b.tasks))
      .catch(() => current && setTasks([]));
    return () => {
      current = false;
    };
  }, [drill, kpis]);

  const a = kpis?.all;
  const onTimeRate = a && a.doneOnTime + a.doneLate > 0 ? a.doneOnTime / (a.doneOnTime + a.doneLate) : null;
  const open = (bucket: TaskBucket, agency: string | null, leader: string | null, title: string) =>
    setDrill({ bucket, agency, leader, title });
  const cell = (
    f: TaskFigures,
    bucket: TaskBucket,
    n: number,
    agency: string | null,
    leader: string | null,
    title: string,
    bad = false,
  ) => (
    <td className={`num ${bad && n > 0 ? 'is-bad' : ''}`}>
      {n > 0 ? (
        <button type="button" className="link" onClick={() => open(bucket, agency, leader, title)}>
          {number(n)}
        </button>
      ) : (
        number(n)
      )}
    </td>
  );
  const table = (
    rows: (TaskFigures & { id: string; label: string; agency: string | null; leader: string | null })[],
    head: string,
    testId: string,
  ) => (
    <table className="task-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{head}</th>
          <th className="num">{t('tasks.assigned')}</th>
          <th className="num">{t('tasks.onTime')}</th>
          <th className="num">{t('tasks.late')}</th>
          <th className="num">{t('tasks.overdue')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, 10).map((r) => (
          <tr key={r.id}>
            <td>{r.label}</td>
            {cell(r, 'all', r.assigned, r.agency, r.leader, r.label)}
            {cell(r, 'on_time', r.doneOnTime, r.agency, r.leader, `${r.label} · ${t('tasks.onTime')}`)}
            {cell(r, 'late', r.doneLate, r.agency, r.leader, `${r.label} · ${t('tasks.late')}`, true)}
            {cell(r, 'overdue', r.overdueNow, r.agency, r.leader, `${r.label} · ${t('tasks.overdue')}`, true)}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <PanelFrame
      title={t('tasks.title')}
      status={ok === null ? 'connecting' : ok ? 'live' : 'offline'}
      lastUpdate={lastUpdate}
      testId="kpi-tasks"
      className={`task-panel ${className ?? ''}`}
    >
      <p className="panel-summary">{t('tasks.period')}</p>
      <div className="tiles">
        <KpiTile testId="tasks-assigned" label={t('tasks.assigned')} value={a?.assigned ?? null} />
        <KpiTile
          testId="tasks-on-time"
          label={t('tasks.onTime')}
          value={a?.doneOnTime ?? null}
          tone="good"
          detail={onTimeRate === null ? undefined : t('tasks.onTimeRate', { pct: number(onTimeRate * 100, 1) })}
        />
        <KpiTile
          testId="tasks-late"
          label={t('tasks.late')}
          value={a?.doneLate ?? null}
          tone={a && a.doneLate > 0 ? 'warn' : 'neutral'}
        />
        <KpiTile
          testId="tasks-overdue"
          label={t('tasks.overdue')}
          value={a?.overdueNow ?? null}
          tone={a && a.overdueNow > 0 ? 'bad' : 'good'}
          detail={a ? t('tasks.inProgress', { n: number(a.inProgress) }) : undefined}
        />
      </div>
      {kpis && (
        <div className="task-tables">
          {table(
            kpis.byAgency.map((r) => ({ ...r, id: r.agencyId, label: r.name, agency: r.agencyId, leader: null })),
            t('tasks.byAgency'),
            'tasks-by-agency',
          )}
          {table(
            kpis.byLeader.map((r) => ({ ...r, id: r.leader, label: r.leader || '—', agency: null, leader: r.leader })),
            t('tasks.byLeader'),
            'tasks-by-leader',
          )}
        </div>
      )}
      <p className="formula">{t('tasks.formula')}</p>
      {drill && (
        <div className="task-drill" data-testid="tasks-drill">
          <header>
            <h3>{drill.title}</h3>
            <button type="button" onClick={() => setDrill(null)}>
              {t('tasks.close')}
            </button>
          </header>
          {tasks === null ? (
            <p>…</p>
          ) : (
            <table className="task-table">
              <thead>
                <tr>
                  <th>{t('tasks.task')}</th>
                  <th>{t('tasks.agency')}</th>
                  <th>{t('tasks.leader')}</th>
                  <th>{t('tasks.due')}</th>
                  <th>{t('tasks.status')}</th>
                </tr>
              </thead>
              <tbody>
                {tasks.map((r) => (
                  <tr key={r.taskId}>
                    <td>
                      <strong>{r.title ?? r.taskId}</strong> <code>{r.taskId}</code>
                    </td>
                    <td>{r.agencyName}</td>
                    <td>{r.assignedBy ?? ''}</td>
                    <td>
                      {r.dueAtMs === null
                        ? ''
                        : new Date(r.dueAtMs).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}
                      {r.extensions > 0 ? ` (${t('tasks.extended', { n: r.extensions })})` : ''}
                    </td>
                    <td>
                      {t(`tasks.status.${r.status}`)}
                      {r.completedAtMs !== null
                        ? ` · ${new Date(r.completedAtMs).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })} ${time(r.completedAtMs).slice(0, 5)}`
                        : ''}
                      {r.reopened > 0 ? ` · ${t('tasks.reopened', { n: r.reopened })}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </PanelFrame>
  );
}
