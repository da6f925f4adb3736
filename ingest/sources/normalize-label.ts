/**
 * Labels as people type them — "Ngày tiếp nhận", "NGAY TIEP NHAN", "ngày  tiếp-nhận" — compared
 * as one: Vietnamese diacritics, case, punctuation and spacing do not matter.
 */
export function normalizeLabel(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // đ/Đ is a letter of its own, not d plus a mark, so NFD leaves it alone.
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  );
}
