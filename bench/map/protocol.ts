/**
 * What bench/map.ts (Node) and bench/map/harness.ts (the page) exchange through `page.evaluate`.
 * Only plain, structured-clonable data crosses: Playwright serialises it both ways.
 */

/**
 * deck: the product's MapboxOverlay layers; markers: the baseline, one maplibre DOM marker per point;
 * deck-stroked: a diagnostic, the product's layers with the choropleth's ward outlines stroked by
 * deck.gl again, as choropleth.ts drew them until they were left to the basemap for their cost in
 * software rendering — so the bench shows that cost.
 */
export type Variant = 'deck' | 'markers' | 'deck-stroked';

export interface HarnessOptions {
  variant: Variant;
  points: number;
  cameras: number;
  /** Updates per second. */
  rate: number;
  /** Seeds the data's PRNG: both variants get the very same points, values and moves. */
  seed: number;
}

export interface HarnessInfo {
  /** `UNMASKED_RENDERER_WEBGL` of a probe WebGL2 context, or the plain RENDERER when the extension is missing. */
  renderer: string;
  wards: number;
  /** ms from creating the map to its first update drawn (map `load`, geo sources, markers). */
  setupMs: number;
}

export interface FrameWindow {
  /** requestAnimationFrame deltas inside the window, ms. */
  frameDeltas: number[];
  /** Time of each update inside the window (building layers + setProps, or moving the markers), ms. */
  updateMs: number[];
  /** Actual length of the window, ms (timers run late on a saturated page). */
  elapsedMs: number;
}

export interface Counters {
  frames: number;
  updates: number;
  /** performance.now() of the page when read. */
  nowMs: number;
  /** luma.gl's count of GPU memory held by deck.gl (buffers, textures), bytes; null for markers or before deck's first report. */
  deckGpuBytes: number | null;
}

export interface DrawCheck {
  /** Objects deck.gl can pick over the whole viewport, per layer id (deck), or the markers in the DOM (markers). */
  visible: Record<string, number>;
}

export interface HarnessApi {
  /** Builds the map and starts the update timer and the frame counter. */
  init(options: HarnessOptions): Promise<HarnessInfo>;
  /** Records frames and updates for `seconds`, then returns them. */
  measure(seconds: number): Promise<FrameWindow>;
  counters(): Counters;
  check(): DrawCheck;
  /** Hides or shows what the variant draws over the basemap (deck canvas, or markers + ward fill). */
  showLive(visible: boolean): Promise<void>;
  /** Stops the update timer. */
  stop(): void;
}

declare global {
  interface Window {
    cityopsBench?: HarnessApi;
    /** Set when the harness module failed to load or init threw, so the bench reports it instead of timing out. */
    cityopsBenchError?: string;
    /** Where init is, so a page that hangs while setting up says where. */
    cityopsBenchStage?: string;
  }
}
