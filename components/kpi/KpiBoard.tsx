'use client';
import { HourlyChart } from '../charts/HourlyChart';
import { Gauge } from '../charts/Gauge';
import { RankingBars } from '../charts/RankingBars';
import { useCity } from '../city/CityProvider';
import { useI18n } from '../i18n/I18nProvider';
import { LiveCityMap } from '../map/LiveCityMap';
import { KpiTile } from '../panels/KpiTile';
import { PanelFrame } from '../panels/PanelFrame';
import { useScopedFigures } from '../realtime/useScopedFigures';
import { targetTone } from '../../contracts/targets';
import { KpiReview } from './KpiReview';
import { TaskPanel } from './TaskPanel';
import { KpiIndicatorPanels } from './KpiIndicatorPanels';

/**
 * The leaders' page, today's view: dossier and document indicators against their targets and
 * against yesterday at the same time, the day's rhythm per hour, agencies ranked, and the
 * communes on the map. Everything moves live as events arrive.
 */
export function KpiBoard() {
  const { t, number } = useI18n();
  const { targets } = useCity();
  const cases = useScopedFigures('kpi:cases');
  const docs = useScopedFigures('kpi:documents');
  const c = cases.data;
  const d = docs.data;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${number(v * 100, 1)} %`);
  const agencies = [...(c?.byAgency ?? [])];
  return (
    <div className="kpi-board">
      <CaseKpiPanel className="span-all" />
      <PanelFrame
        title={t('kpi.documents')}
        status={docs.status}
        lastUpdate={docs.lastUpdate}
        fault={docs.fault}
        testId="kpi-documents"
        className="span-all"
      >
        <div className="tiles">
          <KpiTile
            testId="kpi-doc-registered"
            label={t('kpi.docRegistered')}
            value={d?.today.incomingRegistered ?? null}
            previous={d?.sameTimeYesterday.incomingRegistered}
          />
          <KpiTile
            testId="kpi-doc-processed"
            label={t('kpi.docProcessed')}
            value={d?.today.incomingProcessed ?? null}
            previous={d?.sameTimeYesterday.incomingProcessed}
            direction="higher"
          />
          <KpiTile
            testId="kpi-doc-issued"
            label={t('kpi.docIssued')}
            value={d?.today.outgoingIssued ?? null}
            previous={d?.sameTimeYesterday.outgoingIssued}
          />
          <KpiTile
            testId="kpi-doc-signed"
            label={t('kpi.signedShare')}
            format="percent"
            value={d?.today.signedShare ?? null}
            previous={d?.sameTimeYesterday.signedShare}
            target={targets['documents.signedShare']}
          />
          <KpiTile
            testId="kpi-doc-overdue"
            label={t('kpi.docOverdue')}
            value={d?.today.overdueNow ?? null}
            target={targets['documents.overdueNow']}
          />
        </div>
      </PanelFrame>

      <PanelFrame
        title={t('kpi.gauges')}
        status={cases.status}
        lastUpdate={cases.lastUpdate}
        fault={cases.fault}
        testId="kpi-gauges"
      >
        <div className="gauges">
          <Gauge
            testId="gauge-on-time"
            label={t('kpi.onTimeRate')}
            value={c?.today.onTimeRate ?? null}
            display={pct(c?.today.onTimeRate)}
            target={targets['cases.onTimeRate']?.good}
            tone={targetTone(targets['cases.onTimeRate'], c?.today.onTimeRate)}
          />
          <Gauge
            testId="gauge-online"
            label={t('kpi.onlineShare')}
            value={c?.today.onlineShare ?? null}
            display={pct(c?.today.onlineShare)}
            target={targets['cases.onlineShare']?.good}
            tone={targetTone(targets['cases.onlineShare'], c?.today.onlineShare)}
          />
          <Gauge
            testId="gauge-signed"
            label={t('kpi.signedShare')}
            value={d?.today.signedShare ?? null}
            display={pct(d?.today.signedShare)}
            target={targets['documents.signedShare']?.good}
            tone={targetTone(targets['documents.signedShare'], d?.today.signedShare)}
          />
        </div>
      </PanelFrame>

      <HourlyCasesPanel />
      <PanelFrame
        title={t('kpi.byAgencyReceived')}
        status={cases.status}
        lastUpdate={cases.lastUpdate}
        fault={cases.fault}
        testId="kpi-ranking"
      >
        <RankingBars
          testId="ranking-received"
          rows={agencies
            .filter((a) => a.received > 0)
            .sort((a, b) => b.received - a.received)
            .slice(0, 12)
            .map((a) => ({
              key: a.agencyId,
              label: a.name,
              value: a.received,
              display: number(a.received),
              note: a.overdueNow > 0 ? `⚠ ${number(a.overdueNow)}` : '',
              tone: a.overdueNow > 0 ? 'bad' : 'neutral',
            }))}
        />
      </PanelFrame>

      <PanelFrame
        title={t('kpi.byAgencyOverdue')}
        status={cases.status}
        lastUpdate={cases.lastUpdate}
        fault={cases.fault}
        testId="kpi-ranking-overdue"
      >
        {c && agencies.every((a) => a.overdueNow === 0) && <p className="empty">{t('kpi.noOverdue')}</p>}
        <RankingBars
          testId="ranking-overdue"
          rows={agencies
            .filter((a) => a.overdueNow > 0)
            .sort((a, b) => b.overdueNow - a.overdueNow)
            .slice(0, 12)
            .map((a) => ({
              key: a.agencyId,
              label: a.name,
              value: a.overdueNow,
              display: number(a.overdueNow),
              tone: 'bad',
            }))}
        />
      </PanelFrame>

      <div className="span-all kpi-map">
        <LiveCityMap theme="light" layers={[]} choropleth="cases" testId="kpi-map" />
      </div>

      <TaskPanel className="span-all" />
      <KpiIndicatorPanels />

      <KpiReview />
    </div>
  );
}

/** Today's dossier indicators as big-number tiles, against targets and yesterday at the same time. */
export function CaseKpiPanel({ className }: { className?: string }) {
  const { t, number } = useI18n();
  const { targets } = useCity();
  const cases = useScopedFigures('kpi:cases');
  const c = cases.data;
  return (
    <PanelFrame
      title={t('kpi.cases')}
      status={cases.status}
      lastUpdate={cases.lastUpdate}
      fault={cases.fault}
      testId="kpi-cases"
      className={className}
    >
      <div className="tiles">
        <KpiTile
          testId="kpi-received"
          label={t('kpi.received')}
          value={c?.today.received ?? null}
          previous={c?.sameTimeYesterday.received}
        />
        <KpiTile
          testId="kpi-resolved"
          label={t('kpi.resolved')}
          value={c?.today.resolved ?? null}
          previous={c?.sameTimeYesterday.resolved}
          direction="higher"
          detail={
            c
              ? t('kpi.resolved.detail', { onTime: number(c.today.resolvedOnTime), late: number(c.today.resolvedLate) })
              : undefined
          }
        />
        <KpiTile
          testId="kpi-on-time"
          label={t('kpi.onTimeRate')}
          format="percent"
          value={c?.today.onTimeRate ?? null}
          previous={c?.sameTimeYesterday.onTimeRate}
          target={targets['cases.onTimeRate']}
        />
        <KpiTile
          testId="kpi-online"
          label={t('kpi.onlineShare')}
          format="percent"
          value={c?.today.onlineShare ?? null}
          previous={c?.sameTimeYesterday.onlineShare}
          target={targets['cases.onlineShare']}
        />
        <KpiTile
          testId="kpi-overdue"
          label={t('kpi.overdueNow')}
          value={c?.today.overdueNow ?? null}
          target={targets['cases.overdueNow']}
        />
      </div>
    </PanelFrame>
  );
}

/** Dossiers received per hour today, over yesterday's line. */
export function HourlyCasesPanel() {
  const { t, hour } = useI18n();
  const cases = useScopedFigures('kpi:cases');
  const c = cases.data;
  return (
    <PanelFrame
      title={t('kpi.hourly')}
      status={cases.status}
      lastUpdate={cases.lastUpdate}
      fault={cases.fault}
      testId="kpi-hourly"
    >
      {c && (
        <HourlyChart
          testId="hourly-received"
          today={c.hourly.received}
          yesterday={c.hourly.receivedYesterday}
          currentHour={hour(c.generatedAt)}
          labels={{ title: t('kpi.hourly'), today: t('kpi.today'), yesterday: t('kpi.yesterday') }}
        />
      )}
    </PanelFrame>
  );
}
