/**
 * Leaders' assigned tasks (docs/tasks.md): every working day the city's leaders give a few tasks
 * to the province's departments, with a deadline of one to four weeks. Each task's whole life is
 * decided when it is drawn (keyed by its day and number): most are done on time — some exactly at
 * the deadline — some late, some after an extension, some reopened and done again, a few
 * cancelled, the rest still open (overdue once the deadline passes). A window publishes the events
 * whose time falls in it, so a live run and the history tell the same story.
 */
import { topics } from '../../contracts/mqtt/topics';
import type { CityModel } from '../city-model';
import { DAY, HOUR, isoLocal, localDateCode, localDayStart, localTime } from '../clock';
import { isWorkingDay, sampleOfficeHour } from '../office-hours';
import { rngFor } from '../rng';
import type { SimMessage, TimeWindow } from '../message';

export const TASK_LEADERS = [
  'Chủ tịch UBND thành phố',
  'Phó Chủ tịch Thường trực UBND thành phố',
  'Phó Chủ tịch UBND thành phố (kinh tế)',
  'Phó Chủ tịch UBND thành phố (văn hóa – xã hội)',
  'Phó Chủ tịch UBND thành phố (đô thị)',
] as const;
const SUBJECTS = [
  'Báo cáo tiến độ giải ngân vốn đầu tư công',
  'Hoàn thành giải phóng mặt bằng dự án đường ven sông',
  'Rà soát thủ tục hành chính quá hạn',
  'Kiểm tra an toàn phòng cháy chữa cháy tại khu công nghiệp',
  'Xây dựng phương án phòng chống ngập úng mùa mưa',
  'Đề xuất cắt giảm thời gian cấp phép xây dựng',
  'Tổng hợp kiến nghị của doanh nghiệp',
  'Chuẩn bị hội nghị xúc tiến đầu tư',
  'Xử lý phản ánh của người dân về ô nhiễm tiếng ồn',
  'Cập nhật dữ liệu dân cư phục vụ chuyển đổi số',
] as const;
/** The longest a task lives in the simulation (deadline, extension, late completion): what a window looks back over. */
const HORIZON_MS = 60 * DAY;

interface TaskEventSim {
  ts: number;
  payload: Record<string, unknown>;
}

function taskLife(
  model: CityModel,
  dayStart: number,
  n: number,
  agencies: readonly string[],
): { agency: string; events: TaskEventSim[] } {
  const tz = model.city.timeZone;
  const r = rngFor(model.seed, 'task', dayStart, n);
  const id = `NV-${localDateCode(dayStart + HOUR, tz)}-${String(n + 1).padStart(2, '0')}`;
  const assigned = dayStart + sampleOfficeHour(r) * HOUR;
  const due = localDayStart(assigned + r.int(7, 28) * DAY, tz) + 17 * HOUR;
  const agency = r.pick(agencies);
  const events: TaskEventSim[] = [
    {
      ts: assigned,
      payload: {
        event: 'assigned',
        title: r.pick(SUBJECTS),
        assigned_by: r.pick(TASK_LEADERS),
        due_at: isoLocal(due, tz),
        document_ref: `Thông báo ${r.int(100, 999)}/TB-UBND`,
      },
    },
  ];
  const span = due - assigned;
  const done = (ts: number) => events.push({ ts, payload: { event: 'completed', progress_pct: 100 } });
  events.push({ ts: assigned + span * 0.5, payload: { event: 'progress', progress_pct: r.int(20, 70) } });
  const fate = r.range(0, 1);
  if (fate < 0.05)
    done(due); // exactly at the deadline: on time
  else if (fate < 0.55) done(assigned + span * r.range(0.35, 0.98));
  else if (fate < 0.67) done(due + r.range(0.5, 6) * DAY);
  else if (fate < 0.77) {
    const newDue = due + r.int(5, 15) * DAY;
    events.push({ ts: assigned + span * 0.85, payload: { event: 'extended', due_at: isoLocal(newDue, tz) } });
    done(newDue - r.range(0.2, 4) * DAY);
  } else if (fate < 0.82) {
    const first = assigned + span * r.range(0.4, 0.8);
    done(first);
    events.push({ ts: first + r.range(1, 3) * DAY, payload: { event: 'reopened' } });
    done(due + r.range(-2, 4) * DAY);
  } else if (fate < 0.85) events.push({ ts: assigned + r.range(1, 5) * DAY, payload: { event: 'cancelled' } });
  // else: still open — overdue once its deadline has passed.
  for (const e of events) e.payload = { task_id: id, ts: isoLocal(e.ts, tz), ...e.payload };
  return { agency, events };
}

export function* taskMessages(model: CityModel, window: TimeWindow): Generator<SimMessage> {
  const tz = model.city.timeZone;
  const agencies = model.agencies.filter((a) => a.level === 'province').map((a) => a.id);
  if (agencies.length === 0) return;
  const out: { ts: number; msg: SimMessage }[] = [];
  for (
    let day = localDayStart(window.from - HORIZON_MS, tz);
    day < window.to;
    day = localDayStart(day + 26 * HOUR, tz)
  ) {
    if (!isWorkingDay(localTime(day + HOUR, tz).weekday)) continue;
    const count = rngFor(model.seed, 'tasks-per-day', day).int(2, 4);
    for (let n = 0; n < count; n++) {
      const { agency, events } = taskLife(model, day, n, agencies);
      for (const e of events)
        if (e.ts >= window.from && e.ts < window.to)
          out.push({ ts: e.ts, msg: { topic: topics.taskEvent(model.city.id, agency), payload: e.payload } });
    }
  }
  out.sort((a, b) => a.ts - b.ts);
  for (const o of out) yield o.msg;
}
