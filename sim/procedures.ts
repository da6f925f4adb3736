/**
 * A small catalogue of administrative procedures (thủ tục hành chính) with their
 * statutory processing time in working days (0 = same day). Names, fields and times
 * follow the real procedures; the codes have the national catalogue's shape
 * (`d.dddddd`) but were not checked against it, so do not look them up.
 */
import type { Agency } from '../contracts/city';

export interface Procedure {
  code: string;
  name: string;
  field: string;
  /** Statutory time in working days; 0 = returned the same working day. */
  days: number;
  /** Relative frequency among the agency's dossiers. */
  weight: number;
  /** Whether a fee is paid (online payment only makes sense then). */
  fee: boolean;
}

const p = (code: string, name: string, field: string, days: number, weight: number, fee = true): Procedure => ({
  code,
  name,
  field,
  days,
  weight,
  fee,
});

/** Ward/commune people's committees: civil status, certification, household business, building. */
export const COMMUNE_PROCEDURES: readonly Procedure[] = [
  p('1.001193', 'Đăng ký khai sinh', 'Hộ tịch', 1, 18, false),
  p('1.000894', 'Đăng ký kết hôn', 'Hộ tịch', 1, 5, false),
  p('1.000656', 'Đăng ký khai tử', 'Hộ tịch', 1, 4, false),
  p('1.004873', 'Cấp giấy xác nhận tình trạng hôn nhân', 'Hộ tịch', 3, 8),
  p('2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'Chứng thực', 0, 30),
  p('2.000884', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'Chứng thực', 0, 8),
  p('2.000720', 'Đăng ký thành lập hộ kinh doanh', 'Thành lập và hoạt động của hộ kinh doanh', 3, 6),
  p('1.009994', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Hoạt động xây dựng', 15, 5),
  p('1.004227', 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'Đất đai', 10, 6),
  p('1.001699', 'Xác nhận hộ gia đình làm nông nghiệp có mức sống trung bình', 'Bảo trợ xã hội', 5, 2, false),
];

/** Province departments, by agency id. */
export const PROVINCE_PROCEDURES: Readonly<Record<string, readonly Procedure[]>> = {
  'so-noi-vu': [
    p('1.000459', 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam', 'Việc làm', 5, 6),
    p('1.001853', 'Giải quyết chế độ trợ cấp một lần đối với người có công', 'Người có công', 12, 3, false),
  ],
  'so-tai-chinh': [
    p('2.001610', 'Đăng ký thành lập doanh nghiệp tư nhân', 'Thành lập và hoạt động của doanh nghiệp', 3, 6),
    p('2.002035', 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp', 'Thành lập và hoạt động của doanh nghiệp', 3, 9),
  ],
  'so-tu-phap': [
    p(
      '2.000505',
      'Cấp phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
      'Lý lịch tư pháp',
      10,
      12,
    ),
    p('1.001071', 'Đăng ký hoạt động của Văn phòng công chứng', 'Công chứng', 10, 1),
  ],
  'so-xay-dung': [
    p(
      '1.009972',
      'Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II',
      'Hoạt động xây dựng',
      20,
      3,
    ),
    p('1.009981', 'Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III', 'Hoạt động xây dựng', 20, 4),
    p('1.002861', 'Cấp giấy phép lái xe (đổi)', 'Đường bộ', 5, 10),
  ],
  'so-nn-mt': [
    p('1.004238', 'Đăng ký đất đai, tài sản gắn liền với đất lần đầu cho tổ chức', 'Đất đai', 20, 3),
    p('1.010727', 'Cấp giấy phép môi trường', 'Môi trường', 20, 2),
    p(
      '1.003411',
      'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông lâm thủy sản',
      'Quản lý chất lượng nông lâm sản và thủy sản',
      15,
      3,
    ),
  ],
  'so-cong-thuong': [
    p('2.000636', 'Cấp giấy phép bán lẻ sản phẩm rượu', 'Lưu thông hàng hóa trong nước', 10, 3),
    p('2.000591', 'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', 'An toàn thực phẩm', 15, 3),
  ],
  'so-khcn': [
    p('1.008356', 'Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ', 'Hoạt động khoa học và công nghệ', 7, 2),
    p('1.004504', 'Cấp giấy phép thiết lập mạng viễn thông dùng riêng', 'Viễn thông và Internet', 10, 1),
  ],
  'so-gddt': [
    p('1.005092', 'Công nhận văn bằng tốt nghiệp do cơ sở giáo dục nước ngoài cấp', 'Văn bằng, chứng chỉ', 20, 2),
    p('1.004889', 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc', 'Văn bằng, chứng chỉ', 1, 6, false),
  ],
  'so-y-te': [
    p('1.012258', 'Cấp giấy phép hành nghề khám bệnh, chữa bệnh', 'Khám bệnh, chữa bệnh', 20, 4),
    p('1.004616', 'Cấp chứng chỉ hành nghề dược', 'Dược phẩm', 10, 3),
  ],
  'so-vhttdl': [
    p('1.004503', 'Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa', 'Lữ hành', 10, 2),
    p('1.001029', 'Cấp giấy phép tổ chức biểu diễn nghệ thuật', 'Nghệ thuật biểu diễn', 5, 2),
  ],
  'so-ngoai-vu': [p('2.001792', 'Cho phép tổ chức hội nghị, hội thảo quốc tế', 'Ngoại vụ', 15, 1, false)],
  'so-dan-toc-ton-giao': [p('1.001055', 'Đăng ký sinh hoạt tôn giáo tập trung', 'Tôn giáo', 20, 1, false)],
  'bql-kkt': [
    p('1.009645', 'Cấp giấy chứng nhận đăng ký đầu tư', 'Đầu tư tại Việt Nam', 15, 3),
    p('1.009650', 'Điều chỉnh giấy chứng nhận đăng ký đầu tư', 'Đầu tư tại Việt Nam', 10, 3),
  ],
  'cong-an-tp': [
    p('2.002163', 'Cấp hộ chiếu phổ thông trong nước', 'Quản lý xuất nhập cảnh', 8, 10),
    p('1.009742', 'Đăng ký xe ô tô lần đầu', 'Đăng ký, quản lý phương tiện giao thông', 2, 8),
  ],
};

/** A generic pair for departments a future city adds without a catalogue entry. */
const GENERIC: readonly Procedure[] = [
  p('0.000001', 'Giải quyết kiến nghị của tổ chức, cá nhân', 'Khác', 10, 1, false),
  p('0.000002', 'Cấp bản sao kết quả giải quyết thủ tục hành chính', 'Khác', 3, 1),
];

export function proceduresFor(agency: Agency): readonly Procedure[] {
  if (agency.level === 'commune') return COMMUNE_PROCEDURES;
  return PROVINCE_PROCEDURES[agency.id] ?? GENERIC;
}
