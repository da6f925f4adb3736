/**
 * The words one-stop-shop and document systems (and the people filling their spreadsheets) use
 * for our enumerations, in Vietnamese and English, matched by `normalizeLabel`. A connector's
 * configured value map is tried first; these are the fallback, so common exports need no map.
 */
import { normalizeLabel } from './normalize-label';

export type VocabularyType = 'level' | 'channel' | 'status' | 'direction' | 'urgency' | 'bool' | 'rating';
type Words = Readonly<Record<string, readonly string[]>>;

const WORDS: Readonly<Record<VocabularyType, Words>> = {
  channel: {
    online: [
      'online',
      'trực tuyến',
      'dịch vụ công trực tuyến',
      'dvc trực tuyến',
      'dvctt',
      'qua mạng',
      'nộp trực tuyến',
      'internet',
    ],
    counter: ['counter', 'trực tiếp', 'tại quầy', 'một cửa', 'bộ phận một cửa', 'nộp trực tiếp', 'in person'],
    postal: ['postal', 'post', 'bưu chính', 'bưu chính công ích', 'bcci', 'qua bưu điện', 'bưu điện', 'qua bưu chính'],
  },
  level: {
    province: ['province', 'tỉnh', 'cấp tỉnh', 'thành phố', 'cấp thành phố', 'sở', 'cấp sở'],
    commune: ['commune', 'ward', 'xã', 'cấp xã', 'phường', 'xã phường', 'cấp xã phường', 'đặc khu'],
    // Districts were abolished on 1 July 2025; kept for records dated before the reform.
    district: ['district', 'huyện', 'cấp huyện', 'quận', 'quận huyện'],
  },
  status: {
    received: ['received', 'new', 'mới', 'mới tiếp nhận', 'đã tiếp nhận', 'tiếp nhận', 'chờ xử lý', 'chờ tiếp nhận'],
    in_progress: [
      'in progress',
      'in_progress',
      'assigned',
      'processing',
      'đang xử lý',
      'đang giải quyết',
      'đã phân công',
      'đang thụ lý',
    ],
    supplement_requested: [
      'supplement requested',
      'supplement_requested',
      'yêu cầu bổ sung',
      'chờ bổ sung',
      'bổ sung hồ sơ',
      'đang bổ sung',
    ],
    resolved: [
      'resolved',
      'done',
      'completed',
      'đã giải quyết',
      'đã có kết quả',
      'có kết quả',
      'hoàn thành',
      'đã hoàn thành',
      'đã trả kết quả',
      'trả kết quả',
      'đã xử lý xong',
    ],
    returned: [
      'returned',
      'rejected',
      'trả lại',
      'trả lại hồ sơ',
      'đã trả lại',
      'từ chối',
      'không giải quyết',
      'không đủ điều kiện',
    ],
    withdrawn: ['withdrawn', 'rút hồ sơ', 'đã rút', 'rút', 'công dân rút hồ sơ', 'dừng xử lý'],
  },
  direction: {
    incoming: ['incoming', 'in', 'đến', 'văn bản đến', 'vb đến', 'sổ đến', 'sổ văn bản đến'],
    outgoing: ['outgoing', 'out', 'đi', 'văn bản đi', 'vb đi', 'sổ đi', 'sổ văn bản đi'],
  },
  urgency: {
    normal: ['normal', 'thường', 'bình thường', 'không khẩn'],
    urgent: ['urgent', 'khẩn'],
    // The contract has three levels; Vietnam's "thượng khẩn" and "hỏa tốc" are both its highest.
    flash: ['flash', 'thượng khẩn', 'hỏa tốc', 'hoả tốc', 'hỏa tốc hẹn giờ'],
  },
  bool: {
    true: [
      'true',
      'yes',
      'y',
      'x',
      '1',
      'có',
      'c',
      'đã',
      'rồi',
      'đúng',
      'đã số hóa',
      'đã thanh toán',
      'đã ký số',
      'ký số',
      'điện tử',
    ],
    false: [
      'false',
      'no',
      'n',
      '0',
      'không',
      'k',
      'chưa',
      'sai',
      'chưa số hóa',
      'chưa thanh toán',
      'chưa ký số',
      'giấy',
    ],
  },
  rating: {
    5: ['rất hài lòng', 'very satisfied', 'excellent'],
    4: ['hài lòng', 'satisfied', 'good'],
    3: ['bình thường', 'chấp nhận được', 'neutral', 'acceptable'],
    2: ['không hài lòng', 'dissatisfied', 'poor'],
    1: ['rất không hài lòng', 'very dissatisfied', 'bad'],
  },
};

function index(words: Words): ReadonlyMap<string, string> {
  return new Map(
    Object.entries(words).flatMap(([canonical, list]) =>
      [canonical, ...list].map((w) => [normalizeLabel(w), canonical] as const),
    ),
  );
}
const INDEX: Readonly<Record<VocabularyType, ReadonlyMap<string, string>>> = {
  level: index(WORDS.level),
  channel: index(WORDS.channel),
  status: index(WORDS.status),
  direction: index(WORDS.direction),
  urgency: index(WORDS.urgency),
  bool: index(WORDS.bool),
  rating: index(WORDS.rating),
};

/** The canonical value a word stands for (`'Trực tuyến'` → `'online'`), or undefined. */
export function lookupWord(type: VocabularyType, word: string): string | undefined {
  return INDEX[type].get(normalizeLabel(word));
}

/** For error messages: the canonical values and one local word for each. */
export function describeVocabulary(type: VocabularyType): string {
  return Object.entries(WORDS[type])
    .map(([canonical, list]) => {
      const local = list.find((w) => /[^\x20-\x7e]/.test(w));
      return local === undefined ? canonical : `${canonical} (${local})`;
    })
    .join(', ');
}
