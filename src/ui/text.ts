/** Page text made safe to show: no direction overrides, no control characters, bounded length. */

// Bidi embeddings/overrides/isolates and marks: a U+202E in a label would reverse what follows it.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// C0/C1 controls, line/paragraph separators, zero-width and BOM characters.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200B-\u200D\uFEFF]/g;

export const LABEL_MAX = 80;
export const MESSAGE_MAX = 400;

/** Cleans and truncates by code points (never splitting a surrogate pair), adding "…" when cut. */
export function cleanText(raw: unknown, max = LABEL_MAX): string {
  const s = String(raw ?? '')
    .replace(BIDI, '')
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** Short numbers for figures: at most two decimals, no trailing zeros. */
export function num(n: number, decimals = 2): string {
  if (!Number.isFinite(n)) return '–';
  const f = 10 ** decimals;
  return String(Math.round(n * f) / f);
}
