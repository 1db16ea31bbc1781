import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: the code is read aloud on the phone and typed from paper.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** An unguessable query code for the petitioner: 12 symbols of 31, about 59 bits. */
export function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export function normalizeQueryCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * Case number: the matter's county-level region code, the local date of receipt and a sequence,
 * e.g. 440305-20261122-000123. The sequence comes from a database sequence, so registrations never
 * queue behind a counter row; a number can be skipped when a registration fails, never reused.
 */
export function formatCaseNumber(regionCode: string, localDate: string, seq: number): string {
  return `${regionCode.slice(0, 6).padEnd(6, '0')}-${localDate.replace(/-/g, '')}-${String(seq).padStart(6, '0')}`;
}
