/**
 * The camera registry service behind /api/cameras: lists cameras with their uptime, saves an
 * operator's edit after checking it against the city (a known ward, a location inside the city),
 * and tells every console so the map and the grid show the edit at once.
 */
import type { CameraEdit, CameraRegistryList } from '../contracts/cameras';
import { devicesChanged, type IngestCommit } from '../contracts/live';
import type { Db } from '../db/adapter';
import { cameraExists, cameraUptime, latestSnapshot, listCameras, listWards, saveCameraEdit } from '../db/cameras';
import { wardAt, type Ward } from '../geo/wards';

export interface CameraRegistryService {
  list(fromMs: number, toMs: number): Promise<CameraRegistryList>;
  /** Saves an edit; the problems (field: message) when the city refuses it. */
  save(id: string, edit: CameraEdit): Promise<{ ok: true } | { ok: false; problems: string[] }>;
  /** The camera's newest snapshot, null when it sent none lately, 'unknown_camera' when there is no such camera. */
  snapshot(id: string): Promise<{ snapshot: string; timeMs: number } | null | 'unknown_camera'>;
}

export function cameraRegistryService(o: {
  db: Db;
  wards: readonly Ward[];
  /** The city's map frame [west, south, east, north]: a location outside it is a typo. */
  bounds: [number, number, number, number];
  offlineAfterMs: number;
  publish: (commit: IngestCommit) => void;
}): CameraRegistryService {
  const known = new Set(o.wards.map((w) => w.code));
  return {
    async list(fromMs, toMs) {
      const [cameras, wards, byCamera] = await Promise.all([
        listCameras(o.db),
        listWards(o.db),
        cameraUptime(o.db, fromMs, toMs, o.offlineAfterMs),
      ]);
      return { cameras, wards, uptime: { fromMs, toMs, offlineAfterMs: o.offlineAfterMs, byCamera } };
    },
    async save(id, edit) {
      const problems: string[] = [];
      if (edit.wardCode !== null && !known.has(edit.wardCode))
        problems.push(`wardCode: no ward or commune has code "${edit.wardCode}"`);
      let wardCode = edit.wardCode;
      if (edit.lon !== null && edit.lat !== null) {
        const [w, s, e, n] = o.bounds;
        if (edit.lon < w || edit.lon > e || edit.lat < s || edit.lat > n)
          problems.push(`lon: the location ${edit.lat}, ${edit.lon} is outside the city`);
        // A location set by hand brings its ward, unless the operator named one.
        wardCode ??= wardAt(o.wards, edit.lon, edit.lat)?.code ?? null;
      }
      if (problems.length > 0) return { ok: false, problems };
      await saveCameraEdit(o.db, id, { ...edit, wardCode });
      o.publish(devicesChanged([`camera/${id}`]));
      return { ok: true };
    },
    async snapshot(id) {
      const [known, latest] = await Promise.all([cameraExists(o.db, id), latestSnapshot(o.db, id)]);
      return known ? latest : 'unknown_camera';
    },
  };
}
