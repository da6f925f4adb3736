'use client';
import { useState } from 'react';
import type { FeedEvent } from '../../contracts/camera-events';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import type { AckOutcome } from './useEventFeed';

/**
 * One camera event: when, what, where, the plate, its snapshot, and its handling — who
 * acknowledged it and their note, or the button that opens the note to acknowledge it.
 */
export function EventFeedRow({
  event: e,
  when,
  operator,
  onAck,
}: {
  event: FeedEvent;
  when: (ms: number) => string;
  /** The signed-in officer (empty when their role may not acknowledge). */
  operator: () => string;
  onAck: (e: FeedEvent, by: string, note: string) => Promise<AckOutcome>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    const by = operator().trim();
    if (!by) return setProblem(t('feed.needOperator'));
    if (!note.trim()) return setProblem(t('feed.needNote'));
    setBusy(true);
    const out = await onAck(e, by, note.trim());
    setBusy(false);
    if (out.ok) return;
    setProblem(
      out.reason === 'taken'
        ? t('feed.taken', { who: out.ack.by, time: when(out.ack.atMs) })
        : out.reason === 'invalid'
          ? out.problems.join('; ')
          : t('feed.failed'),
    );
  };
  const place = [e.road ?? t('feed.unknownRoad'), e.wardName].filter(Boolean).join(' · ');
  return (
    <tr className={`sev-${e.severity}${e.ack ? ' is-acked' : ''}`} data-testid="event-row" data-event={e.eventId}>
      <td className="num">{when(e.timeMs)}</td>
      <td>
        <span className="sev-pill">{t(`alarms.sev${Math.min(3, Math.max(1, e.severity))}` as MessageKey)}</span>{' '}
        <strong>{t(`event.${e.type}` as MessageKey)}</strong>
        {e.vehicleCount !== null && <span className="muted"> · {t('feed.vehicles', { n: e.vehicleCount })}</span>}
      </td>
      <td>
        <div>{e.cameraName ?? e.cameraId}</div>
        <div className="muted small">{place}</div>
      </td>
      <td className="plate">{e.plate ?? ''}</td>
      <td className="snapshot">
        {e.snapshotUrl ? (
          <a href={e.snapshotUrl} target="_blank" rel="noreferrer">
            <img
              src={e.snapshotUrl}
              alt={`${t(`event.${e.type}` as MessageKey)} · ${e.cameraName ?? e.cameraId}`}
              loading="lazy"
              width={112}
              height={63}
              data-testid="event-snapshot"
            />
          </a>
        ) : (
          <span className="no-snapshot">{t('feed.noSnapshot')}</span>
        )}
      </td>
      <td className="handling">
        {e.ack ? (
          <div className="acked" data-testid="event-acked">
            <div>{t('feed.ackedBy', { who: e.ack.by, time: when(e.ack.atMs) })}</div>
            <div className="muted small">{e.ack.note}</div>
          </div>
        ) : open ? (
          <form
            className="ack-form"
            onSubmit={(ev) => {
              ev.preventDefault();
              void save();
            }}
          >
            <input
              value={note}
              onChange={(ev) => setNote(ev.target.value)}
              maxLength={500}
              placeholder={t('feed.notePlaceholder')}
              autoFocus
              data-testid="event-ack-note"
            />
            <button type="submit" disabled={busy} data-testid="event-ack-save">
              {t('feed.save')}
            </button>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                setProblem(null);
              }}
            >
              {t('feed.cancel')}
            </button>
          </form>
        ) : (
          <button onClick={() => setOpen(true)} data-testid="event-ack">
            {t('feed.acknowledge')}
          </button>
        )}
        {problem && (
          <p className="error small" role="alert">
            {problem}
          </p>
        )}
      </td>
    </tr>
  );
}
