/** What `decode` turns a valid MQTT message into: one record per message, times resolved to epoch ms. */
import type {
  CameraEvent,
  CameraMeta,
  CameraStatus,
  CaseEvent,
  DocumentEvent,
  IndicatorMeta,
  IndicatorValue,
  SensorMeta,
  TaskEvent,
} from '../contracts/mqtt/payloads';

type Extra = Record<string, unknown> | null;

export type IngestRecord =
  | { kind: 'sensor_meta'; sensorId: string; meta: SensorMeta; extra: Extra }
  | { kind: 'telemetry'; sensorId: string; timeMs: number; values: Record<string, number> }
  | { kind: 'camera_meta'; cameraId: string; meta: CameraMeta; extra: Extra }
  | { kind: 'camera_status'; cameraId: string; timeMs: number; status: CameraStatus }
  | { kind: 'camera_event'; cameraId: string; timeMs: number; event: CameraEvent; extra: Extra }
  | { kind: 'case_event'; agencyId: string; timeMs: number; dueMs: number; event: CaseEvent; extra: Extra }
  | {
      kind: 'document_event';
      agencyId: string;
      timeMs: number;
      dueMs: number | null;
      event: DocumentEvent;
      extra: Extra;
    }
  | { kind: 'indicator_meta'; source: string; key: string; meta: IndicatorMeta; extra: Extra }
  | { kind: 'indicator_value'; source: string; key: string; timeMs: number; value: IndicatorValue }
  | { kind: 'task_event'; agencyId: string; timeMs: number; dueMs: number | null; event: TaskEvent; extra: Extra };

export type IngestRecordKind = IngestRecord['kind'];
