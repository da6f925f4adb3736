/**
 * SMS text rules. Carriers bill and split by parts: GSM-7 text (Vietnamese without diacritics)
 * is 160 characters in one part and 153 a part when concatenated (7 go to the UDH header); text
 * with any character outside GSM-7 is UCS-2: 70 in one part, 67 a part.
 */
const GSM7 = /^[A-Za-z0-9 @£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà]*$/;

/** Vietnamese without diacritics: "Hồ sơ đến hạn" → "Ho so den han". đ/Đ have no combining mark, so they are mapped by hand. */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

export interface SmsParts {
  encoding: 'gsm7' | 'ucs2';
  parts: number;
  length: number;
}

export function smsParts(text: string): SmsParts {
  const encoding = GSM7.test(text) ? 'gsm7' : 'ucs2';
  const length = [...text].length;
  const [single, multi] = encoding === 'gsm7' ? [160, 153] : [70, 67];
  return { encoding, length, parts: length <= single ? 1 : Math.ceil(length / multi) };
}

/** The text as sent: without diacritics when configured; an error string when it needs more parts than allowed. */
export function smsText(
  body: string,
  noDiacritics: boolean,
  maxParts: number,
): { text: string; parts: SmsParts } | { error: string } {
  const text = noDiacritics ? stripDiacritics(body) : body;
  const parts = smsParts(text);
  if (parts.parts > maxParts)
    return {
      error: `too long: ${parts.length} characters need ${parts.parts} ${parts.encoding} parts, at most ${maxParts} allowed`,
    };
  return { text, parts };
}
