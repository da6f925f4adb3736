/**
 * The header catalogue of the file import (docs/import.md): the column titles one-stop-shop and
 * document-management exports use, in Vietnamese and English, for each record field. Matched
 * with `normalizeLabel`, so diacritics, case, punctuation and spacing do not matter; the field's
 * own name (`received_at`) always works too.
 */
import type { KpiFamily } from '../../contracts/kpi-query';
import { normalizeLabel } from '../sources/normalize-label';

const AGENCY = [
  'Cơ quan',
  'Đơn vị',
  'Mã cơ quan',
  'Mã đơn vị',
  'Cơ quan giải quyết',
  'Cơ quan xử lý',
  'Đơn vị xử lý',
  'Đơn vị giải quyết',
  'Agency',
  'Agency ID',
  'Agency code',
];
const ASSIGNED = ['Ngày phân công', 'Ngày giao xử lý', 'Ngày chuyển xử lý', 'Assigned', 'Assigned at', 'Assigned date'];
const DUE = ['Hạn xử lý', 'Hạn giải quyết', 'Due', 'Due at', 'Due date', 'Deadline'];

export const HEADER_CATALOGUE: Readonly<Record<KpiFamily, Readonly<Record<string, readonly string[]>>>> = {
  cases: {
    case_id: ['Mã hồ sơ', 'Số hồ sơ', 'Mã HS', 'Số biên nhận', 'Case ID', 'Case code', 'Dossier ID', 'Dossier code'],
    agency_id: AGENCY,
    procedure_code: ['Mã thủ tục', 'Mã TTHC', 'Mã thủ tục hành chính', 'Procedure code'],
    procedure_name: [
      'Tên thủ tục',
      'Tên TTHC',
      'Thủ tục',
      'Tên thủ tục hành chính',
      'Thủ tục hành chính',
      'Procedure',
      'Procedure name',
    ],
    field: ['Lĩnh vực', 'Field', 'Sector'],
    level: ['Cấp', 'Cấp thực hiện', 'Cấp giải quyết', 'Cấp thẩm quyền', 'Level'],
    channel: [
      'Kênh nộp',
      'Hình thức nộp',
      'Hình thức tiếp nhận',
      'Kênh tiếp nhận',
      'Hình thức',
      'Channel',
      'Submission channel',
    ],
    received_at: [
      'Ngày tiếp nhận',
      'Ngày nhận',
      'Thời gian tiếp nhận',
      'Ngày nộp',
      'Ngày nhận hồ sơ',
      'Received',
      'Received at',
      'Received date',
    ],
    assigned_at: ASSIGNED,
    supplement_requested_at: [
      'Ngày yêu cầu bổ sung',
      'Ngày bổ sung',
      'Supplement requested',
      'Supplement requested at',
    ],
    due_at: [...DUE, 'Ngày hẹn trả', 'Ngày hẹn trả kết quả', 'Hẹn trả'],
    resolved_at: [
      'Ngày có kết quả',
      'Ngày trả kết quả',
      'Ngày hoàn thành',
      'Ngày giải quyết',
      'Ngày kết thúc',
      'Resolved',
      'Resolved at',
      'Result date',
    ],
    status: ['Trạng thái', 'Tình trạng', 'Trạng thái hồ sơ', 'Status'],
    status_at: [
      'Ngày cập nhật trạng thái',
      'Ngày cập nhật',
      'Thời gian cập nhật',
      'Status at',
      'Status date',
      'Updated at',
    ],
    online_payment: ['Thanh toán trực tuyến', 'Thanh toán TT', 'Thanh toán online', 'Online payment'],
    digitized: ['Số hóa', 'Đã số hóa', 'Số hóa hồ sơ', 'Digitized'],
    rating: ['Đánh giá', 'Mức độ hài lòng', 'Đánh giá hài lòng', 'Rating', 'Satisfaction'],
  },
  documents: {
    doc_id: [
      'Mã văn bản',
      'Số ký hiệu',
      'Số, ký hiệu',
      'Số văn bản',
      'Số hiệu văn bản',
      'Document ID',
      'Doc ID',
      'Document number',
    ],
    agency_id: AGENCY,
    direction: ['Chiều', 'Loại sổ', 'Đến/Đi', 'Văn bản đến/đi', 'Direction'],
    registered_at: [
      'Ngày đến',
      'Ngày vào sổ',
      'Ngày đăng ký',
      'Ngày tiếp nhận',
      'Registered',
      'Registered at',
      'Registration date',
    ],
    assigned_at: ASSIGNED,
    processed_at: ['Ngày xử lý xong', 'Ngày hoàn thành', 'Ngày xử lý', 'Ngày giải quyết', 'Processed', 'Processed at'],
    issued_at: ['Ngày ban hành', 'Ngày phát hành', 'Ngày gửi', 'Issued', 'Issued at', 'Issue date'],
    due_at: DUE,
    signed: ['Ký số', 'Chữ ký số', 'Đã ký số', 'Signed', 'Digitally signed'],
    e_exchange: [
      'Gửi điện tử',
      'Liên thông',
      'Liên thông điện tử',
      'Trục liên thông',
      'E-exchange',
      'Electronic exchange',
    ],
    urgency: ['Độ khẩn', 'Mức độ khẩn', 'Urgency'],
  },
};

/** Columns a file must have; agency and direction may instead come from --agency / --direction. */
export const REQUIRED_COLUMNS: Readonly<Record<KpiFamily, readonly (readonly string[])[]>> = {
  // Each entry: one of these fields must have a column.
  cases: [['case_id'], ['agency_id'], ['procedure_code'], ['channel'], ['received_at'], ['due_at']],
  documents: [['doc_id'], ['agency_id'], ['direction'], ['registered_at', 'issued_at']],
};

const INDEX: Readonly<Record<KpiFamily, ReadonlyMap<string, string>>> = {
  cases: indexOf('cases'),
  documents: indexOf('documents'),
};

function indexOf(kind: KpiFamily): ReadonlyMap<string, string> {
  const m = new Map<string, string>();
  for (const [field, labels] of Object.entries(HEADER_CATALOGUE[kind]))
    for (const l of [field, ...labels]) m.set(normalizeLabel(l), field);
  return m;
}

/** The record field a column title stands for, or undefined. */
export function fieldOfHeader(kind: KpiFamily, header: string): string | undefined {
  return INDEX[kind].get(normalizeLabel(header));
}

export interface Column {
  index: number;
  header: string;
  field: string;
}

export interface HeaderMatch {
  columns: Column[];
  /** Field → the column it is read from (the first such column). */
  byField: ReadonlyMap<string, Column>;
  /** Titles that name no field (kept out; listed so a typo is noticed). */
  unknown: string[];
  /** A second column for a field already read from another: ignored, and said so. */
  repeated: { header: string; field: string; usedHeader: string }[];
}

export function matchHeaders(kind: KpiFamily, headers: readonly unknown[]): HeaderMatch {
  const columns: Column[] = [];
  const byField = new Map<string, Column>();
  const unknown: string[] = [];
  const repeated: HeaderMatch['repeated'] = [];
  headers.forEach((h, index) => {
    if (h === undefined || h === null || String(h).trim() === '') return;
    const header = String(h).trim();
    const field = fieldOfHeader(kind, header);
    if (!field) return void unknown.push(header);
    const used = byField.get(field);
    if (used) return void repeated.push({ header, field, usedHeader: used.header });
    const c = { index, header, field };
    columns.push(c);
    byField.set(field, c);
  });
  return { columns, byField, unknown, repeated };
}

/** How many cells of a row are known titles: the header row is the first with at least two. */
export function headerScore(kind: KpiFamily, cells: readonly unknown[]): number {
  return cells.filter((c) => typeof c === 'string' && fieldOfHeader(kind, c) !== undefined).length;
}

/** Required fields without a column (and without a command-line default), as catalogue titles. */
export function missingColumns(kind: KpiFamily, match: HeaderMatch, defaults: ReadonlySet<string>): string[] {
  return REQUIRED_COLUMNS[kind]
    .filter((any) => !any.some((f) => match.byField.has(f) || defaults.has(f)))
    .map((any) => any.map((f) => `${HEADER_CATALOGUE[kind][f]![0]} (${f})`).join(' or '));
}
