/**
 * Every dossier and document KPI, defined once: its group, unit, which way is better, its formula
 * in words (shown in the UI as "cách tính / how computed") and the computation from the base
 * sums that the rollups provide. The server computes with these; the console explains with them.
 *
 * Counting rules (see docs/kpi.md):
 * - A range is a set of whole local days [from, to) in the city's time zone.
 * - Flow counts take each dossier once, on the day of its milestone: received on its first
 *   `received` event, resolved on its first `resolved`, and so on. Shares of "received" are of
 *   the dossiers received in the range; timeliness and ratings are of those resolved in it.
 * - Early / on time / late compare resolved_at with due_at as given by the source (which already
 *   counts working days and holidays). Early = resolved on an earlier calendar day than the due
 *   day; on time = not early and at or before due_at (exactly at the deadline is on time);
 *   late = after due_at. A supplement request does not move the deadline.
 * - "Now" counts (in progress, overdue now) are the current state, whatever the range.
 */

export const CASE_SUMS = [
  'received',
  'receivedOnline',
  'receivedPostal',
  'receivedOnlinePayment',
  'receivedDigitized',
  'resolved',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'supplementRequested',
  'returned',
  'withdrawn',
  'rated',
  'ratingSum',
  'rating1',
  'rating2',
  'rating3',
  'rating4',
  'rating5',
  'inProgressNow',
  'overdueNow',
] as const;
export type CaseSumKey = (typeof CASE_SUMS)[number];
export type CaseSums = Record<CaseSumKey, number>;

export const DOCUMENT_SUMS = [
  'incomingRegistered',
  'incomingRegisteredElectronic',
  'incomingProcessed',
  'incomingOnTime',
  'incomingLate',
  'incomingNoDeadline',
  'incomingProcessingSeconds',
  'outgoingIssued',
  'outgoingSigned',
  'outgoingElectronic',
  'incomingOverdueNow',
  'incomingOpenNow',
] as const;
export type DocumentSumKey = (typeof DOCUMENT_SUMS)[number];
export type DocumentSums = Record<DocumentSumKey, number>;

export const zeroCaseSums = (): CaseSums => Object.fromEntries(CASE_SUMS.map((k) => [k, 0])) as CaseSums;
export const zeroDocumentSums = (): DocumentSums =>
  Object.fromEntries(DOCUMENT_SUMS.map((k) => [k, 0])) as DocumentSums;

/** The five indicator groups of the real-time public-service index (Decision 766/QĐ-TTg), and the documents' own. */
export const KPI_GROUPS = ['publicity', 'progress', 'online', 'satisfaction', 'digitization', 'documents'] as const;
export type KpiGroup = (typeof KPI_GROUPS)[number];

export type KpiUnit = 'count' | 'share' | 'score' | 'hours';

interface Text {
  vi: string;
  en: string;
}

export interface KpiDefinition<S> {
  id: string;
  group: KpiGroup;
  unit: KpiUnit;
  /** Which way is better; null for plain volumes. */
  better: 'higher' | 'lower' | null;
  label: Text;
  formula: Text;
  /** Whether it describes the present (ignores the range). */
  now?: boolean;
  /** Which records a drill-down lists (see db/kpi-drill.ts). */
  drill: string;
  value(s: S): number | null;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

type CaseKpi = KpiDefinition<CaseSums>;
type DocumentKpi = KpiDefinition<DocumentSums>;

export const CASE_KPIS = [
  // Publicity / transparency: what was asked of citizens and what left the process without a result.
  {
    id: 'cases.supplementRate',
    group: 'publicity',
    unit: 'share',
    better: 'lower',
    drill: 'supplement_requested',
    label: { vi: 'Tỷ lệ yêu cầu bổ sung', en: 'Supplement-request rate' },
    formula: {
      vi: 'Số hồ sơ bị yêu cầu bổ sung lần đầu trong kỳ ÷ số hồ sơ tiếp nhận trong kỳ',
      en: 'Dossiers first asked for more documents in the range ÷ dossiers received in the range',
    },
    value: (s) => ratio(s.supplementRequested, s.received),
  },
  {
    id: 'cases.returned',
    group: 'publicity',
    unit: 'count',
    better: null,
    drill: 'returned',
    label: { vi: 'Hồ sơ trả lại', en: 'Dossiers returned' },
    formula: {
      vi: 'Số hồ sơ trả lại (không giải quyết) trong kỳ',
      en: 'Dossiers returned without a result in the range',
    },
    value: (s) => s.returned,
  },
  {
    id: 'cases.withdrawn',
    group: 'publicity',
    unit: 'count',
    better: null,
    drill: 'withdrawn',
    label: { vi: 'Hồ sơ rút', en: 'Dossiers withdrawn' },
    formula: { vi: 'Số hồ sơ công dân rút trong kỳ', en: 'Dossiers withdrawn by the applicant in the range' },
    value: (s) => s.withdrawn,
  },
  // Processing progress.
  {
    id: 'cases.received',
    group: 'progress',
    unit: 'count',
    better: null,
    drill: 'received',
    label: { vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' },
    formula: {
      vi: 'Số hồ sơ có ngày tiếp nhận trong kỳ (mỗi hồ sơ một lần)',
      en: 'Dossiers whose receipt falls in the range (each once)',
    },
    value: (s) => s.received,
  },
  {
    id: 'cases.resolved',
    group: 'progress',
    unit: 'count',
    better: null,
    drill: 'resolved',
    label: { vi: 'Hồ sơ đã giải quyết', en: 'Dossiers resolved' },
    formula: { vi: 'Số hồ sơ có kết quả lần đầu trong kỳ', en: 'Dossiers first resolved in the range' },
    value: (s) => s.resolved,
  },
  {
    id: 'cases.resolvedEarly',
    group: 'progress',
    unit: 'count',
    better: null,
    drill: 'resolved_early',
    label: { vi: 'Giải quyết trước hạn', en: 'Resolved early' },
    formula: {
      vi: 'Hồ sơ giải quyết trong kỳ, vào ngày lịch trước ngày hẹn trả',
      en: 'Resolved in the range on a calendar day before the due day',
    },
    value: (s) => s.resolvedEarly,
  },
  {
    id: 'cases.resolvedOnTime',
    group: 'progress',
    unit: 'count',
    better: null,
    drill: 'resolved_on_time',
    label: { vi: 'Giải quyết đúng hạn', en: 'Resolved on time' },
    formula: {
      vi: 'Hồ sơ giải quyết trong kỳ, trong ngày hẹn trả và không muộn hơn hạn (đúng hạn chót tính là đúng hạn)',
      en: 'Resolved in the range on the due day, at or before due_at (exactly at the deadline counts as on time)',
    },
    value: (s) => s.resolvedOnTime,
  },
  {
    id: 'cases.resolvedLate',
    group: 'progress',
    unit: 'count',
    better: 'lower',
    drill: 'resolved_late',
    label: { vi: 'Giải quyết trễ hạn', en: 'Resolved late' },
    formula: { vi: 'Hồ sơ giải quyết trong kỳ sau thời điểm hẹn trả', en: 'Resolved in the range after due_at' },
    value: (s) => s.resolvedLate,
  },
  {
    id: 'cases.onTimeRate',
    group: 'progress',
    unit: 'share',
    better: 'higher',
    drill: 'resolved',
    label: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
    formula: {
      vi: '(Trước hạn + đúng hạn) ÷ số hồ sơ giải quyết trong kỳ',
      en: '(Early + on time) ÷ dossiers resolved in the range',
    },
    value: (s) => ratio(s.resolvedEarly + s.resolvedOnTime, s.resolved),
  },
  {
    id: 'cases.inProgress',
    group: 'progress',
    unit: 'count',
    better: null,
    now: true,
    drill: 'in_progress',
    label: { vi: 'Đang giải quyết', en: 'In progress' },
    formula: {
      vi: 'Hồ sơ hiện chưa có kết quả, chưa trả lại, chưa rút (hiện tại, không theo kỳ)',
      en: 'Dossiers now without a result, not returned or withdrawn (now, not the range)',
    },
    value: (s) => s.inProgressNow,
  },
  {
    id: 'cases.overdueNow',
    group: 'progress',
    unit: 'count',
    better: 'lower',
    now: true,
    drill: 'overdue',
    label: { vi: 'Quá hạn hiện tại', en: 'Overdue now' },
    formula: {
      vi: 'Hồ sơ đang giải quyết có hạn trả trước thời điểm hiện tại',
      en: 'Dossiers in progress whose due_at has passed',
    },
    value: (s) => s.overdueNow,
  },
  // Online service.
  {
    id: 'cases.onlineShare',
    group: 'online',
    unit: 'share',
    better: 'higher',
    drill: 'received_online',
    label: { vi: 'Tỷ lệ nộp trực tuyến', en: 'Online share' },
    formula: {
      vi: 'Hồ sơ tiếp nhận qua kênh trực tuyến ÷ hồ sơ tiếp nhận trong kỳ',
      en: 'Dossiers received online ÷ dossiers received in the range',
    },
    value: (s) => ratio(s.receivedOnline, s.received),
  },
  {
    id: 'cases.onlinePaymentShare',
    group: 'online',
    unit: 'share',
    better: 'higher',
    drill: 'received_online_payment',
    label: { vi: 'Tỷ lệ thanh toán trực tuyến', en: 'Online-payment share' },
    formula: {
      vi: 'Hồ sơ có thanh toán trực tuyến ÷ hồ sơ tiếp nhận trong kỳ',
      en: 'Dossiers paid online ÷ dossiers received in the range',
    },
    value: (s) => ratio(s.receivedOnlinePayment, s.received),
  },
  {
    id: 'cases.postalShare',
    group: 'online',
    unit: 'share',
    better: null,
    drill: 'received_postal',
    label: { vi: 'Tỷ lệ qua bưu chính', en: 'Postal share' },
    formula: {
      vi: 'Hồ sơ tiếp nhận qua bưu chính công ích ÷ hồ sơ tiếp nhận trong kỳ',
      en: 'Dossiers received by post ÷ dossiers received in the range',
    },
    value: (s) => ratio(s.receivedPostal, s.received),
  },
  // Satisfaction.
  {
    id: 'cases.avgRating',
    group: 'satisfaction',
    unit: 'score',
    better: 'higher',
    drill: 'rated',
    label: { vi: 'Mức hài lòng bình quân', en: 'Average satisfaction' },
    formula: {
      vi: 'Trung bình điểm đánh giá (1–5) của hồ sơ giải quyết trong kỳ có đánh giá',
      en: 'Mean rating (1–5) of dossiers resolved in the range that were rated',
    },
    value: (s) => ratio(s.ratingSum, s.rated),
  },
  {
    id: 'cases.satisfiedShare',
    group: 'satisfaction',
    unit: 'share',
    better: 'higher',
    drill: 'rated',
    label: { vi: 'Tỷ lệ hài lòng', en: 'Satisfied share' },
    formula: { vi: 'Đánh giá 4–5 điểm ÷ số đánh giá', en: 'Ratings of 4 or 5 ÷ ratings' },
    value: (s) => ratio(s.rating4 + s.rating5, s.rated),
  },
  {
    id: 'cases.ratedShare',
    group: 'satisfaction',
    unit: 'share',
    better: 'higher',
    drill: 'rated',
    label: { vi: 'Tỷ lệ được đánh giá', en: 'Rated share' },
    formula: {
      vi: 'Hồ sơ có đánh giá ÷ hồ sơ giải quyết trong kỳ',
      en: 'Rated dossiers ÷ dossiers resolved in the range',
    },
    value: (s) => ratio(s.rated, s.resolved),
  },
  // Digitization.
  {
    id: 'cases.digitizedShare',
    group: 'digitization',
    unit: 'share',
    better: 'higher',
    drill: 'received_digitized',
    label: { vi: 'Tỷ lệ số hóa hồ sơ', en: 'Digitized share' },
    formula: {
      vi: 'Hồ sơ được số hóa thành phần ÷ hồ sơ tiếp nhận trong kỳ',
      en: 'Dossiers with digitized components ÷ dossiers received in the range',
    },
    value: (s) => ratio(s.receivedDigitized, s.received),
  },
] as const satisfies readonly CaseKpi[];

export const DOCUMENT_KPIS = [
  {
    id: 'documents.incomingRegistered',
    group: 'documents',
    unit: 'count',
    better: null,
    drill: 'incoming_registered',
    label: { vi: 'Văn bản đến', en: 'Incoming registered' },
    formula: { vi: 'Văn bản đến được vào sổ trong kỳ', en: 'Incoming documents registered in the range' },
    value: (s) => s.incomingRegistered,
  },
  {
    id: 'documents.incomingProcessed',
    group: 'documents',
    unit: 'count',
    better: null,
    drill: 'incoming_processed',
    label: { vi: 'Văn bản đến đã xử lý', en: 'Incoming processed' },
    formula: {
      vi: 'Văn bản đến được xử lý xong (lần đầu) trong kỳ',
      en: 'Incoming documents first processed in the range',
    },
    value: (s) => s.incomingProcessed,
  },
  {
    id: 'documents.onTimeRate',
    group: 'documents',
    unit: 'share',
    better: 'higher',
    drill: 'incoming_processed',
    label: { vi: 'Tỷ lệ xử lý đúng hạn', en: 'Processed on time' },
    formula: {
      vi: 'Văn bản đến xử lý không muộn hơn hạn (văn bản không có hạn tính là đúng hạn) ÷ văn bản đến đã xử lý trong kỳ',
      en: 'Incoming processed at or before due_at (no deadline counts as on time) ÷ incoming processed in the range',
    },
    value: (s) => ratio(s.incomingOnTime + s.incomingNoDeadline, s.incomingProcessed),
  },
  {
    id: 'documents.incomingLate',
    group: 'documents',
    unit: 'count',
    better: 'lower',
    drill: 'incoming_late',
    label: { vi: 'Xử lý trễ hạn', en: 'Processed late' },
    formula: { vi: 'Văn bản đến xử lý sau hạn trong kỳ', en: 'Incoming processed after due_at in the range' },
    value: (s) => s.incomingLate,
  },
  {
    id: 'documents.overdueNow',
    group: 'documents',
    unit: 'count',
    better: 'lower',
    now: true,
    drill: 'overdue',
    label: { vi: 'Văn bản quá hạn', en: 'Overdue now' },
    formula: {
      vi: 'Văn bản đến chưa xử lý có hạn trước thời điểm hiện tại',
      en: 'Incoming not yet processed whose due_at has passed',
    },
    value: (s) => s.incomingOverdueNow,
  },
  {
    id: 'documents.outgoingIssued',
    group: 'documents',
    unit: 'count',
    better: null,
    drill: 'outgoing_issued',
    label: { vi: 'Văn bản đi', en: 'Outgoing issued' },
    formula: { vi: 'Văn bản đi được phát hành trong kỳ', en: 'Outgoing documents issued in the range' },
    value: (s) => s.outgoingIssued,
  },
  {
    id: 'documents.signedShare',
    group: 'documents',
    unit: 'share',
    better: 'higher',
    drill: 'outgoing_issued',
    label: { vi: 'Tỷ lệ ký số', en: 'Digitally signed share' },
    formula: {
      vi: 'Văn bản đi có ký số ÷ văn bản đi phát hành trong kỳ',
      en: 'Outgoing documents digitally signed ÷ outgoing issued in the range',
    },
    value: (s) => ratio(s.outgoingSigned, s.outgoingIssued),
  },
  {
    id: 'documents.electronicShare',
    group: 'documents',
    unit: 'share',
    better: 'higher',
    drill: 'outgoing_issued',
    label: { vi: 'Tỷ lệ gửi nhận điện tử', en: 'Electronically exchanged share' },
    formula: {
      vi: '(Văn bản đến nhận qua trục liên thông + văn bản đi gửi qua trục) ÷ (văn bản đến + văn bản đi) trong kỳ',
      en: '(Incoming received + outgoing sent over the exchange platform) ÷ (incoming registered + outgoing issued) in the range',
    },
    value: (s) => ratio(s.incomingRegisteredElectronic + s.outgoingElectronic, s.incomingRegistered + s.outgoingIssued),
  },
  {
    id: 'documents.avgProcessingHours',
    group: 'documents',
    unit: 'hours',
    better: 'lower',
    drill: 'incoming_processed',
    label: { vi: 'Thời gian xử lý bình quân', en: 'Average processing time' },
    formula: {
      vi: 'Trung bình (thời điểm xử lý − thời điểm vào sổ) của văn bản đến xử lý trong kỳ, giờ theo lịch (kể cả ngày nghỉ)',
      en: 'Mean (processed_at − registered_at) of incoming processed in the range, in calendar hours (weekends included)',
    },
    value: (s) => (s.incomingProcessed > 0 ? s.incomingProcessingSeconds / 3600 / s.incomingProcessed : null),
  },
] as const satisfies readonly DocumentKpi[];

export type CaseKpiId = (typeof CASE_KPIS)[number]['id'];
export type DocumentKpiId = (typeof DOCUMENT_KPIS)[number]['id'];
export const CASE_KPI_IDS = CASE_KPIS.map((k) => k.id) as CaseKpiId[];
export const DOCUMENT_KPI_IDS = DOCUMENT_KPIS.map((k) => k.id) as DocumentKpiId[];

export function caseKpiValues(s: CaseSums): Record<CaseKpiId, number | null> {
  return Object.fromEntries(CASE_KPIS.map((k) => [k.id, k.value(s)])) as Record<CaseKpiId, number | null>;
}
export function documentKpiValues(s: DocumentSums): Record<DocumentKpiId, number | null> {
  return Object.fromEntries(DOCUMENT_KPIS.map((k) => [k.id, k.value(s)])) as Record<DocumentKpiId, number | null>;
}
