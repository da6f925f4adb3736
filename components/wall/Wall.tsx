'use client';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { KioskBinding } from '../../contracts/kiosks';
import { kioskLayout, type WallLayout, type WallPanel } from '../../contracts/wall';
import { leaveForSignIn, setSessionEndedPage } from '../realtime/live-socket';
import { ActiveAlarmsPanel } from '../alarms/AlarmsBoard';
import { AlarmBanner } from './AlarmBanner';
import { CityFigures, LatestReadings } from '../home/LiveOverview';
import { useI18n } from '../i18n/I18nProvider';
import { CaseKpiPanel, HourlyCasesPanel } from '../kpi/KpiBoard';
import { LiveCityMap } from '../map/LiveCityMap';
import { CameraEventsTicker } from '../panels/CameraEventsTicker';
import { CameraHealthPanel } from '../panels/CameraHealthPanel';
import { CasesByAgency } from '../panels/CasesByAgency';
import { IndicatorPanel } from '../indicators/IndicatorPanel';
import { SensorTiles } from '../panels/SensorTiles';

/** How often a wall left running looks for a layout saved from the console (placing an indicator). */
const LAYOUT_CHECK_MS = 60_000;

/**
 * The layout in force, kept current: a wall runs for weeks, so a layout saved from /indicators must
 * reach it without anyone reloading the kiosk. One request a minute; a failed one keeps the layout.
 */
function useSavedLayout(initial: WallLayout): WallLayout {
  const [layout, setLayout] = useState(initial);
  useEffect(() => {
    let current = true;
    let seen = JSON.stringify(initial);
    const timer = setInterval(() => {
      fetch('/api/indicators/wall-layout', { cache: 'no-store' })
        .then(async (res) => {
          // The session is gone (expired) while the live connection stayed up: leave, do not freeze.
          if (res.status === 401) leaveForSignIn();
          return res.ok ? ((await res.json()) as WallLayout) : null;
        })
        .then((next) => {
          if (!current || next === null) return;
          const text = JSON.stringify(next);
          if (text === seen) return;
          seen = text;
          setLayout(next);
        })
        .catch(() => undefined);
    }, LAYOUT_CHECK_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [initial]);
  return layout;
}

export interface WallProps {
  layout: WallLayout;
  /** Seconds per scene from the URL (?rotate=), for rehearsals and tests. */
  rotateOverride: number | null;
  /** Pin one scene (?scene=id): no rotation. */
  pinned: string | null;
  /** Signed in with a kiosk token: the scenes and pace it is bound to (null: a person's session, the whole layout). */
  kiosk?: KioskBinding | null;
}

/**
 * The video wall: full screen, dark, no chrome, no cursor; scenes rotate on the layout's playlist.
 * Live panels reconnect by themselves (Socket.IO) and say when their data is stale.
 */
export function Wall({ layout: initial, rotateOverride, pinned, kiosk = null }: WallProps) {
  const { locale, time } = useI18n();
  const saved = useSavedLayout(initial);
  const layout = useMemo(() => (kiosk ? kioskLayout(saved, kiosk.scenes, kiosk.rotateSeconds) : saved), [saved, kiosk]);
  useEffect(() => {
    if (!kiosk) return;
    setSessionEndedPage('/kiosk?ended=1');
    return () => setSessionEndedPage(null);
  }, [kiosk]);
  const pinnedIndex = pinned ? layout.scenes.findIndex((s) => s.id === pinned) : -1;
  const [index, setIndex] = useState(Math.max(0, pinnedIndex));
  const [clock, setClock] = useState<number | null>(null);
  const scene = layout.scenes[index % layout.scenes.length]!;

  useEffect(() => {
    if (pinnedIndex >= 0 || layout.scenes.length < 2) return;
    const seconds = rotateOverride ?? scene.seconds ?? layout.rotateSeconds;
    const timer = setTimeout(() => setIndex((i) => (i + 1) % layout.scenes.length), seconds * 1000);
    return () => clearTimeout(timer);
  }, [index, pinnedIndex, rotateOverride, scene.seconds, layout]);

  useEffect(() => {
    const tick = () => setClock(Date.now());
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, []);

  const panel = (p: WallPanel): ReactNode => {
    switch (p.kind) {
      case 'map':
        return <LiveCityMap theme="dark" layers={p.layers} choropleth={p.choropleth ?? null} />;
      case 'sensor-tiles':
        return <SensorTiles sensors={p.sensors} staleAfterMs={layout.staleAfterSeconds * 1000} />;
      case 'city-figures':
        return <CityFigures />;
      case 'latest-readings':
        return <LatestReadings />;
      case 'cases-by-agency':
        return <CasesByAgency />;
      case 'camera-events':
        return <CameraEventsTicker />;
      case 'case-kpis':
        return <CaseKpiPanel />;
      case 'hourly-cases':
        return <HourlyCasesPanel />;
      case 'alarms':
        return <ActiveAlarmsPanel />;
      case 'camera-health':
        return <CameraHealthPanel />;
      case 'indicator':
        return <IndicatorPanel panel={p} />;
    }
  };

  return (
    <main
      className="wall theme-dark"
      data-testid="wall"
      data-scene={scene.id}
      data-kiosk={kiosk ? kiosk.name : undefined}
    >
      <header className="wall-head">
        <h1 data-testid="wall-scene-title">{locale === 'vi' ? scene.title_vi : scene.title_en}</h1>
        <ol className="wall-dots" aria-hidden>
          {layout.scenes.map((s, i) => (
            <li key={s.id} className={i === index % layout.scenes.length ? 'on' : ''} />
          ))}
        </ol>
        <span className="wall-clock">{clock !== null ? time(clock) : ''}</span>
      </header>
      <AlarmBanner minSeverity={layout.alarmBanner.minSeverity} sound={layout.alarmBanner.sound} />
      <div className={`wall-grid panels-${scene.panels.length}`}>
        {scene.panels.map((p, i) => (
          <div key={`${scene.id}-${p.kind}-${i}`} className={`wall-cell cell-${p.kind}`}>
            {panel(p)}
          </div>
        ))}
      </div>
    </main>
  );
}
