/**
 * The page of `npm run bench:map` (bundled by esbuild, served by bench/map/server.ts; not a route of
 * the Next.js app, so nothing but the map runs in it). `deck` is CityMap's composition as the video
 * wall uses it (dark theme, all three point layers, a ward choropleth): a maplibre Map on the offline
 * basemap with a non-interleaved MapboxOverlay whose layers are replaced through `setProps({ layers })`
 * on every update, with the product's layer functions. `markers` is the baseline: the same data as
 * maplibre DOM markers and a maplibre fill layer. bench/map.ts drives it through `window.cityopsBench`
 * (protocol.ts).
 */
import type { PickingInfo } from '@deck.gl/core';
import { MapboxOverlay, type MapboxOverlayProps } from '@deck.gl/mapbox';
import maplibregl, { type ExpressionSpecification } from 'maplibre-gl';
import { haiphong } from '../../cities/haiphong';
import {
  BLUES,
  classColor,
  equalBreaks,
  wardChoroplethLayer,
  type WardCollection,
  type WardProps,
} from '../../components/map/choropleth';
import { cameraLayer, eventLayer, sensorLayer, StablePlaced, type MapData } from '../../components/map/layers';

const sensorPoints = new StablePlaced();
const cameraPoints = new StablePlaced();
import { GEO_ATTRIBUTION, offlineStyle } from '../../components/map/map-style';
import { colorOf, HEADLINE_METRIC, type Rgb } from '../../components/map/thresholds';
import type { CameraState, SensorState } from '../../contracts/channels';
import { CityStream } from './data';
import type { Counters, DrawCheck, FrameWindow, HarnessApi, HarnessInfo, HarnessOptions } from './protocol';

type DeckMetrics = Parameters<NonNullable<MapboxOverlayProps['_onMetrics']>>[0];
const LIVE_LAYERS = ['ward-choropleth', 'sensors', 'cameras'];
/** CityMap's choropleth opacity on the dark (wall) theme, also the baseline fill layer's. */
const WARD_OPACITY = 0.45;
/** The ward KPI is a count like the dossier choropleth's: CityMap scales it with equalBreaks(values, BLUES, true). */
const wardScale = (values: Readonly<Record<string, number>>) => equalBreaks(Object.values(values), BLUES, true);

let map: maplibregl.Map | null = null;
let overlay: MapboxOverlay | null = null;
let stream: CityStream | null = null;
let wards: WardCollection | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let version = 0;
let stroked = false;
let frames = 0;
let updates = 0;
let recording = false;
let frameDeltas: number[] = [];
let updateMs: number[] = [];
let deckGpuBytes: number | null = null;

const sensorMarkers = new Map<string, { marker: maplibregl.Marker; el: HTMLDivElement; color: string }>();
const cameraMarkers = new Map<string, { marker: maplibregl.Marker; el: HTMLDivElement; color: string }>();

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const css = (c: Rgb, alpha = 1) => `rgba(${c[0]},${c[1]},${c[2]},${alpha})`;

function rendererString(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext(); // the probe's context would otherwise count against the page's limit
  return renderer;
}

/** CityMap's getTooltip, minus i18n: a new closure per update, as there. */
function tooltip({ object, layer }: PickingInfo, values: Readonly<Record<string, number>>): { text: string } | null {
  if (!object) return null;
  if (layer?.id === 'sensors') {
    const s = object as SensorState;
    return {
      text: `${s.name ?? s.id}\n${Object.entries(s.values)
        .map(([m, v]) => `${m}: ${v.toFixed(1)}`)
        .join('\n')}`,
    };
  }
  if (layer?.id === 'cameras') {
    const c = object as CameraState;
    return { text: `${c.name ?? c.id}\n${c.online === false ? 'offline' : 'online'}` };
  }
  if (layer?.id === 'ward-choropleth') {
    const p = (object as { properties: WardProps }).properties;
    return { text: `${p.full_name ?? p.name}\n${values[p.code] ?? 'no data'}` };
  }
  return null;
}

/** What CityMap's update effect (and its scale memo) does on the wall: choropleth, sensors, cameras, events. */
function updateDeck(o: MapboxOverlay, s: CityStream, w: WardCollection): void {
  version++;
  // As CityMap composes it: stable point arrays (here the points move every update, so they change), states by id.
  const data: MapData = {
    sensors: sensorPoints.update(Object.values(s.sensors)),
    cameras: cameraPoints.update(Object.values(s.cameras)),
    sensorsById: s.sensors,
    camerasById: s.cameras,
    events: s.events,
    version,
    now: Date.now(),
  };
  const values = s.wardValues;
  const choropleth = wardChoroplethLayer({
    wards: w,
    values,
    scale: wardScale(values),
    version,
    opacity: WARD_OPACITY,
  });
  o.setProps({
    // deck-stroked: the outline props choropleth.ts had before it left the outlines to the basemap.
    layers: [
      stroked
        ? choropleth.clone({
            stroked: true,
            lineWidthUnits: 'pixels',
            getLineWidth: 0.6,
            getLineColor: [90, 110, 140, 160],
          })
        : choropleth,
      sensorLayer(data),
      cameraLayer(data),
      eventLayer(data),
    ],
    getTooltip: (info: PickingInfo) => tooltip(info, values),
  });
}

const NO_DATA = 'rgba(128,138,158,0.3)';
/** The choropleth's colours (same scale and classes) as a maplibre `match` on the ward code. */
function wardFill(values: Readonly<Record<string, number>>): ExpressionSpecification | string {
  const scale = wardScale(values);
  const [first, ...rest] = Object.entries(values).map(([code, v]) => [code, css(classColor(scale, v))] as const);
  return first ? ['match', ['get', 'code'], first[0], first[1], ...rest.flat(), NO_DATA] : NO_DATA;
}

function cameraColor(c: CameraState): string {
  return c.online === false ? 'rgb(255,70,70)' : c.online ? 'rgb(80,220,140)' : 'rgb(140,150,170)';
}

/** The baseline's update: what a DOM-marker map would do with the same snapshots (style written only when it changes). */
function updateMarkers(m: maplibregl.Map, s: CityStream): void {
  for (const x of Object.values(s.sensors)) {
    const mk = sensorMarkers.get(x.id);
    if (!mk || x.lon === null || x.lat === null) continue;
    mk.marker.setLngLat([x.lon, x.lat]);
    const metric = HEADLINE_METRIC[x.kind ?? ''];
    const color = css(colorOf(metric, metric ? x.values[metric] : undefined), 235 / 255);
    if (color !== mk.color) {
      mk.el.style.backgroundColor = color;
      mk.color = color;
    }
  }
  for (const c of Object.values(s.cameras)) {
    const mk = cameraMarkers.get(c.id);
    if (!mk) continue;
    const color = cameraColor(c);
    if (color !== mk.color) {
      mk.el.style.borderColor = color;
      mk.color = color;
    }
  }
  m.setPaintProperty('bench-wards-fill', 'fill-color', wardFill(s.wardValues));
}

function addMarkers(m: maplibregl.Map, s: CityStream): void {
  m.addLayer(
    {
      id: 'bench-wards-fill',
      type: 'fill',
      source: 'wards',
      paint: { 'fill-color': wardFill(s.wardValues), 'fill-opacity': WARD_OPACITY },
    },
    'wards-line',
  );
  for (const x of Object.values(s.sensors)) {
    const el = document.createElement('div');
    el.className = 'bench-sensor';
    sensorMarkers.set(x.id, {
      marker: new maplibregl.Marker({ element: el }).setLngLat([x.lon!, x.lat!]).addTo(m),
      el,
      color: '',
    });
  }
  for (const c of Object.values(s.cameras)) {
    const el = document.createElement('div');
    el.className = 'bench-camera';
    cameraMarkers.set(c.id, {
      marker: new maplibregl.Marker({ element: el }).setLngLat([c.lon!, c.lat!]).addTo(m),
      el,
      color: '',
    });
  }
}

function update(): void {
  if (!stream || !map) return;
  stream.next(Date.now()); // the data's own cost (applying deltas) is the same in both variants and not timed
  const t0 = performance.now();
  if (overlay && wards) updateDeck(overlay, stream, wards);
  else updateMarkers(map, stream);
  const dt = performance.now() - t0;
  updates++;
  if (recording) updateMs.push(dt);
}

function frame(t: number, last: number | null): void {
  if (last !== null) {
    frames++;
    if (recording) frameDeltas.push(t - last);
  }
  requestAnimationFrame((next) => frame(next, t));
}

async function init(o: HarnessOptions): Promise<HarnessInfo> {
  const t0 = performance.now();
  const stage = (what: string) => (window.cityopsBenchStage = what);
  stage('probing WebGL');
  const renderer = rendererString();
  if (renderer === null) throw new Error('WebGL2 is not available in this browser (no webgl2 context)');
  stage('loading the wards');
  const res = await fetch(`/${haiphong.geo.wards}`);
  if (!res.ok) throw new Error(`/${haiphong.geo.wards}: HTTP ${res.status}`);
  const w = (await res.json()) as WardCollection;
  wards = w;
  const s = new CityStream({
    points: o.points,
    cameras: o.cameras,
    seed: o.seed,
    bounds: haiphong.mapBounds,
    wardCodes: w.features.map((f) => f.properties.code),
  });
  stream = s;

  stage('creating the map');
  // CityMap's map and overlay, option for option (bounds: the CityProvider's bbox is the city's mapBounds).
  const m = new maplibregl.Map({
    container: 'map',
    style: offlineStyle(haiphong.geo, 'dark'),
    bounds: haiphong.mapBounds,
    fitBoundsOptions: { padding: 20 },
    attributionControl: { compact: true, customAttribution: GEO_ATTRIBUTION },
    dragRotate: false,
    pitchWithRotate: false,
  });
  map = m;
  if (o.variant !== 'markers') {
    stroked = o.variant === 'deck-stroked';
    // _onMetrics only receives what deck.gl computes every 60 frames anyway; the bench reads luma's GPU memory count from it.
    overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      _onMetrics: (x: DeckMetrics) => {
        deckGpuBytes = x.gpuMemory;
      },
    });
    m.addControl(overlay);
  }
  // `idle`: the geojson sources are parsed and the basemap drawn, so the measurement does not include loading.
  // Listened for from the start: it can fire in the very render that fires `load`, before an await resumes.
  const idle = new Promise<void>((resolve) => m.once('idle', () => resolve()));
  stage('waiting for the map to load');
  await new Promise<void>((resolve, reject) => {
    m.once('load', () => resolve());
    m.once('error', (e: { error?: Error }) => reject(e.error ?? new Error('maplibre error before load')));
  });
  stage('waiting for the basemap to be drawn');
  await idle;
  stage('first update');
  if (o.variant === 'markers') addMarkers(m, s);
  update();
  timer = setInterval(update, 1000 / o.rate);
  requestAnimationFrame((t) => frame(t, null));
  await nextFrame();
  await nextFrame();
  stage('ready');
  return { renderer, wards: w.features.length, setupMs: performance.now() - t0 };
}

async function measure(seconds: number): Promise<FrameWindow> {
  frameDeltas = [];
  updateMs = [];
  recording = true;
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  recording = false;
  return { frameDeltas, updateMs, elapsedMs: performance.now() - t0 };
}

function counters(): Counters {
  return { frames, updates, nowMs: performance.now(), deckGpuBytes };
}

function check(): DrawCheck {
  const visible: Record<string, number> = {};
  if (overlay) {
    // Picking renders each layer into deck's picking buffer over the whole viewport: what it finds was drawn.
    for (const id of LIVE_LAYERS)
      visible[id] = overlay.pickObjects({
        x: 0,
        y: 0,
        width: window.innerWidth,
        height: window.innerHeight,
        layerIds: [id],
        maxObjects: null,
      }).length;
  } else if (map) {
    visible['ward-fill'] = new Set(
      map.queryRenderedFeatures({ layers: ['bench-wards-fill'] }).map((f) => String(f.properties.code)),
    ).size;
    visible['sensor-markers'] = document.querySelectorAll('.bench-sensor').length;
    visible['camera-markers'] = document.querySelectorAll('.bench-camera').length;
  }
  return { visible };
}

async function showLive(show: boolean): Promise<void> {
  if (overlay) {
    const canvas = overlay.getCanvas();
    if (canvas) canvas.style.visibility = show ? 'visible' : 'hidden';
  } else if (map) {
    document.body.classList.toggle('hide-markers', !show);
    map.setLayoutProperty('bench-wards-fill', 'visibility', show ? 'visible' : 'none');
  }
  await nextFrame();
  await nextFrame();
}

function stop(): void {
  if (timer !== null) clearInterval(timer);
  timer = null;
}

const api: HarnessApi = { init, measure, counters, check, showLive, stop };
window.cityopsBench = api;
