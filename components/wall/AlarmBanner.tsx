'use client';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useChannel } from '../realtime/useChannel';

/**
 * A banner over every wall scene while unacknowledged alarms of at least `minSeverity` are open:
 * the worst and newest first, with how many more. With `sound`, a short two-tone chime (Web Audio,
 * no file to load) each time a new alarm appears — at most once per alarm, never on the first
 * snapshot after a (re)load, so a reloading wall does not ring for alarms it already showed.
 */
export function AlarmBanner({ minSeverity, sound }: { minSeverity: number; sound: boolean }) {
  const { t, locale, time } = useI18n();
  const { data } = useChannel('alarms');
  const shown = (data?.active ?? [])
    .filter((a) => a.state === 'active' && a.severity >= minSeverity)
    .sort((a, b) => b.severity - a.severity || b.startedMs - a.startedMs);
  const seen = useRef<Set<string> | null>(null);

  useEffect(() => {
    if (!data) return;
    const ids = new Set(data.active.map((a) => a.id));
    const fresh = seen.current !== null && shown.some((a) => !seen.current!.has(a.id));
    seen.current = ids; // bounded: only the alarms open now
    if (fresh && sound) chime();
  }, [data, shown, sound]);

  if (shown.length === 0) return null;
  const top = shown[0]!;
  return (
    <div
      className={`wall-alarm-banner sev-${top.severity}`}
      role="alert"
      data-testid="wall-alarm-banner"
      data-count={shown.length}
      data-subject={top.subject}
    >
      <span className="icon" aria-hidden>
        ⚠
      </span>
      <strong>{top.name[locale]}</strong>
      {top.kind === 'camera_event' && <span>{t(`event.${top.type}` as MessageKey)}</span>}
      <span>{top.title}</span>
      <span className="time">{time(top.startedMs)}</span>
      {shown.length > 1 && <span className="more">{t('wall.moreAlarms', { n: shown.length - 1 })}</span>}
    </div>
  );
}

let audio: AudioContext | null = null;
function chime(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, freq] of [880, 660].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.35 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.35);
      osc.stop(now + i * 0.35 + 0.32);
    }
  } catch {
    // No audio device, or the browser forbids sound without a gesture: the banner still shows.
  }
}
