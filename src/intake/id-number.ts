/**
 * Citizen identity numbers (GB 11643-1999 公民身份号码) and Chinese phone numbers: validation,
 * normalisation and masking for display. Pure functions; "today" is always passed in.
 */

/** Result of {@link validateIdNumber}. */
export type IdNumberResult =
  | { ok: true; normalized: string; birthDate: string; sex: 'male' | 'female'; regionCode: string }
  | { ok: false; reason: 'length' | 'format' | 'birth_date' | 'checksum' };

/** Result of {@link validateChinesePhone}. */
export type PhoneResult = { ok: true; normalized: string; kind: 'mobile' | 'landline' } | { ok: false };

// GB 11643-1999 check character: ISO 7064 MOD 11-2; the weight of position i is 2^(17-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Earliest birth date accepted: the 18-digit number writes the century, so 18xx is representable. */
const EARLIEST_BIRTH = '1800-01-01';

/**
 * Normalises what people actually type: full-width digits and letters from a Chinese IME
 * (NFKC turns "１２３Ｘ" into "123X") and spaces or dashes from copying a printed number.
 */
function compact(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '');
}

/** The GB 11643 check character for the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('Need exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

/**
 * Validates an 18-character citizen ID number: 6-digit address code, 8-digit birth date, 3-digit
 * sequence (odd for men, even for women) and the MOD 11-2 check character (X for 10;
 * lowercase x accepted and upper-cased). Pass `today` ('YYYY-MM-DD') to reject future birth dates.
 * The region code is only checked for shape: codes of abolished counties stay valid on old cards.
 */
export function validateIdNumber(raw: string, today?: string): IdNumberResult {
  const s = compact(raw).toUpperCase();
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: 'format' };
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < EARLIEST_BIRTH || (today !== undefined && birthDate > today)) {
    return { ok: false, reason: 'birth_date' };
  }
  if (idCheckCharacter(s.slice(0, 17)) !== s[17]) return { ok: false, reason: 'checksum' };
  return {
    ok: true,
    normalized: s,
    birthDate,
    sex: Number(s[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: s.slice(0, 6),
  };
}

/**
 * Masks an ID number for lists and exports (个人信息保护法 第五十一条: de-identification): keeps the
 * first 6 (region) and last 4 characters, e.g. 110105********123X. Short strings keep less.
 */
export function maskIdNumber(s: string): string {
  const v = compact(s).toUpperCase();
  if (v.length > 10) return v.slice(0, 6) + '*'.repeat(v.length - 10) + v.slice(-4);
  const keep = Math.floor(v.length / 3);
  return '*'.repeat(v.length - keep) + v.slice(v.length - keep);
}

/**
 * Masks a phone number, keeping the last 4 digits: mobiles as 138****5678, landlines keep the area
 * code (010-****5678), anything else is masked except its last 4 characters (all of it if ≤ 4).
 */
export function maskPhone(s: string): string {
  const parsed = validateChinesePhone(s);
  if (parsed.ok && parsed.kind === 'mobile')
    return `${parsed.normalized.slice(0, 3)}****${parsed.normalized.slice(-4)}`;
  if (parsed.ok) {
    const [area = '', number = ''] = parsed.normalized.split('-');
    return `${area}-${'*'.repeat(number.length - 4)}${number.slice(-4)}`;
  }
  const v = compact(s);
  return v.length <= 4 ? '*'.repeat(v.length) : '*'.repeat(v.length - 4) + v.slice(-4);
}

/**
 * Validates a mainland phone number. Mobiles: 1[3-9] + 9 digits, optionally prefixed +86, 0086 or 86;
 * normalised to 11 digits. Landlines: area code 010 / 02X (3 digits, then 8) or 0XXX (4 digits, then
 * 7 or 8), local number not starting with the trunk digit 0 (real local numbers start 2–9, but
 * placeholder numbers such as 010-12345678 are common in forms and tests, so 1 is let through); +86 without the trunk 0 is accepted; normalised to 010-12345678.
 * Spaces, dashes and brackets are ignored.
 */
export function validateChinesePhone(raw: string): PhoneResult {
  let digits = compact(raw).replace(/[()]/g, '');
  let international = false;
  const intl = /^(?:\+86|0086)(\d+)$/.exec(digits);
  if (intl?.[1]) {
    digits = intl[1];
    international = true;
  } else if (/^861[3-9]\d{9}$/.test(digits)) {
    digits = digits.slice(2);
  }
  if (/^1[3-9]\d{9}$/.test(digits)) return { ok: true, normalized: digits, kind: 'mobile' };
  if (international && /^[1-9]/.test(digits)) digits = `0${digits}`; // +86 drops the trunk prefix 0
  const landline = /^(010|02\d)([1-9]\d{7})$/.exec(digits) ?? /^(0[3-9]\d{2})([1-9]\d{6,7})$/.exec(digits);
  if (landline?.[1] && landline[2])
    return { ok: true, normalized: `${landline[1]}-${landline[2]}`, kind: 'landline' };
  return { ok: false };
}

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
