'use client';
import { useEffect, useRef, useState } from 'react';

export type VideoState = 'loading' | 'playing' | 'error';

/** After a stream fails, try it again this much later (one timer per tile, cleared on unmount). */
const RETRY_MS = 60_000;

/**
 * A muted live HLS player: hls.js over Media Source Extensions, or the browser's own HLS (Safari,
 * iOS) when it has it. A failed stream reports `error` (the tile then shows its snapshot) and is
 * retried a minute later; a recorded playlist (VOD) loops, so a clip standing in for a camera
 * keeps moving. hls.js is loaded only when a tile has a stream.
 */
export function HlsVideo({
  src,
  poster,
  onState,
  testId,
}: {
  src: string;
  poster?: string | undefined;
  onState?: (s: VideoState) => void;
  testId?: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  const [attempt, setAttempt] = useState(0);
  const report = useRef(onState);
  useEffect(() => {
    report.current = onState;
  });

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    let disposed = false;
    let destroy: (() => void) | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const set = (s: VideoState) => {
      if (!disposed) report.current?.(s);
    };
    const fail = () => {
      set('error');
      destroy?.();
      destroy = null;
      retry ??= setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
    };
    const onPlaying = () => set('playing');
    video.addEventListener('playing', onPlaying);
    set('loading');

    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      // Safari plays HLS itself.
      video.src = src;
      video.addEventListener('error', fail);
      void video.play().catch(() => undefined);
      destroy = () => {
        video.removeAttribute('src');
        video.load();
      };
    } else {
      void import('hls.js').then(({ default: Hls }) => {
        if (disposed) return;
        if (!Hls.isSupported()) return fail();
        const hls = new Hls({ lowLatencyMode: false, backBufferLength: 10, maxBufferLength: 10 });
        destroy = () => hls.destroy();
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (data.fatal) fail();
        });
        hls.on(Hls.Events.LEVEL_LOADED, (_e, data) => {
          video.loop = !data.details.live;
        });
        hls.loadSource(src);
        hls.attachMedia(video);
        hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => undefined));
      }, fail);
    }
    return () => {
      disposed = true;
      if (retry) clearTimeout(retry);
      video.removeEventListener('playing', onPlaying);
      video.removeEventListener('error', fail);
      destroy?.();
    };
  }, [src, attempt]);

  return <video ref={ref} className="camera-video" muted autoPlay playsInline poster={poster} data-testid={testId} />;
}
