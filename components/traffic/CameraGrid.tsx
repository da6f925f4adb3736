'use client';
import { useState, useSyncExternalStore } from 'react';
import { GRID_SIZES, type GridSize } from '../../contracts/cameras';
import { useCity } from '../city/CityProvider';
import { useI18n } from '../i18n/I18nProvider';
import { PanelFrame } from '../panels/PanelFrame';
import { useChannel } from '../realtime/useChannel';
import { useNow } from '../realtime/useNow';
import { CameraTile } from './CameraTile';

const GRID_KEY = 'cityops-camera-grid';
const isGridSize = (n: number): n is GridSize => (GRID_SIZES as readonly number[]).includes(n);

// The choice lives in localStorage (this browser, every tab); the server renders the default.
const sizeListeners = new Set<() => void>();
function subscribeSize(listener: () => void): () => void {
  sizeListeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    sizeListeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}
const savedSize = (): GridSize => {
  const n = Number(localStorage.getItem(GRID_KEY));
  return isGridSize(n) ? n : 2;
};

/**
 * The camera grid: 2×2, 3×3 or 4×4 tiles (the choice is remembered in this browser), paged when
 * there are more cameras than tiles. Cameras in a stable order (by name), so tiles do not jump.
 */
export function CameraGrid() {
  const { t, number } = useI18n();
  const { cameraOfflineAfterMs } = useCity();
  const cameras = useChannel('map:cameras');
  const now = useNow(5000);
  const size = useSyncExternalStore(subscribeSize, savedSize, () => 2 as GridSize);
  const [page, setPage] = useState(0);
  const choose = (n: GridSize) => {
    localStorage.setItem(GRID_KEY, String(n));
    for (const l of sizeListeners) l();
    setPage(0);
  };
  const all = Object.values(cameras.data ?? {}).sort(
    (a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id, 'vi') || a.id.localeCompare(b.id),
  );
  const perPage = size * size;
  const pages = Math.max(1, Math.ceil(all.length / perPage));
  const current = Math.min(page, pages - 1);
  const shown = all.slice(current * perPage, (current + 1) * perPage);
  const controls = (
    <div className="grid-controls">
      <a href="/traffic/cameras" data-testid="camera-registry-link">
        {t('cameras.registry')}
      </a>
      <div role="group" aria-label={t('cameras.gridSize')} className="segmented">
        {GRID_SIZES.map((n) => (
          <button
            key={n}
            type="button"
            aria-pressed={n === size}
            data-testid={`grid-${n}`}
            onClick={() => choose(n)}
          >{`${n}×${n}`}</button>
        ))}
      </div>
      <div className="pager">
        <button
          type="button"
          data-testid="grid-prev"
          disabled={current === 0}
          onClick={() => setPage(current - 1)}
          aria-label={t('cameras.prev')}
        >
          ‹
        </button>
        <span data-testid="grid-page">{t('cameras.page', { page: number(current + 1), pages: number(pages) })}</span>
        <button
          type="button"
          data-testid="grid-next"
          disabled={current >= pages - 1}
          onClick={() => setPage(current + 1)}
          aria-label={t('cameras.next')}
        >
          ›
        </button>
      </div>
    </div>
  );
  return (
    <PanelFrame
      title={t('cameras.grid')}
      status={cameras.status}
      lastUpdate={cameras.lastUpdate}
      testId="camera-grid"
      className="span-all"
      aside={controls}
    >
      <div className={`camera-grid size-${size}`} data-size={size}>
        {shown.map((c) => (
          <CameraTile key={c.id} camera={c} now={now} offlineAfterMs={cameraOfflineAfterMs} />
        ))}
      </div>
    </PanelFrame>
  );
}
