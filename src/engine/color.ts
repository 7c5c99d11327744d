/** sRGB colours as computed styles give them, alpha compositing and WCAG contrast. */
export type RGBA = { r: number; g: number; b: number; a: number };

export const WHITE: RGBA = { r: 255, g: 255, b: 255, a: 1 };
const TRANSPARENT: RGBA = { r: 0, g: 0, b: 0, a: 0 };

/** Parses rgb()/rgba()/color(srgb ...) as getComputedStyle returns them; null when it cannot. */
export function parseColor(value: string): RGBA | null {
  const v = value.trim();
  if (v === 'transparent') return TRANSPARENT;
  let m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/i.exec(v);
  if (m) return { r: +m[1], g: +m[2], b: +m[3], a: alpha(m[4]) };
  m = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+%?))?\s*\)$/i.exec(v);
  if (m) return { r: +m[1] * 255, g: +m[2] * 255, b: +m[3] * 255, a: alpha(m[4]) };
  return null;
}
function alpha(s: string | undefined): number {
  if (s === undefined) return 1;
  return s.endsWith('%') ? parseFloat(s) / 100 : parseFloat(s);
}

/** `top` painted over an opaque `bottom`. */
export function over(top: RGBA, bottom: RGBA): RGBA {
  const a = top.a;
  return {
    r: top.r * a + bottom.r * (1 - a),
    g: top.g * a + bottom.g * (1 - a),
    b: top.b * a + bottom.b * (1 - a),
    a: 1,
  };
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}
export function luminance(c: RGBA): number {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}
/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: RGBA, b: RGBA): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
/** The highest contrast any text can have on this background: black or white text, whichever is further. */
export function strongestContrastOn(background: RGBA): number {
  const l = luminance(background);
  return Math.max(1.05 / (l + 0.05), (l + 0.05) / 0.05);
}
/** 0 (grey) to 1 (fully saturated): how colourful a fill is, independent of its lightness. */
export function chroma(c: RGBA): number {
  return (Math.max(c.r, c.g, c.b) - Math.min(c.r, c.g, c.b)) / 255;
}
/** #rrggbb back to a colour (the form measurements keep). */
export function fromHex(hex: string): RGBA | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? { r: parseInt(m[1], 16), g: parseInt(m[2], 16), b: parseInt(m[3], 16), a: 1 } : null;
}
export function toHex(c: RGBA): string {
  const h = (n: number) => Math.round(n).toString(16).padStart(2, '0');
  return `#${h(c.r)}${h(c.g)}${h(c.b)}`;
}
