/**
 * A LiteralScan's tables (prefilter.ts): its fragments keyed for one pass over a text, made from the
 * fragments once. Made in the page, they cost a few steps of cold code per fragment: the bundled
 * lists' twelve thousand took 30-50 ms of CPU of the first scan of every page read node by node, the
 * first look's three thousand 5-8 ms of every page's (docs/speed.md). The build makes them for the
 * bundled lists and ships them packed (`ShippedTables`), which the page unpacks with the browser's
 * own base64 decoder and a few loops over numbers.
 */
import type { Fragment } from './prefilter';

const PAIR_MASK = 0xffff;
/** Every text position is first looked up by the hash of its two characters. */
export function pairHash(a: number, b: number): number {
  return ((a << 8) ^ b ^ Math.imul(a >>> 8, 0x3f1)) & PAIR_MASK;
}
/** Keys of three and four characters live in bit sets of 2^20 bits: few false hits from the hash. */
const KEY_BITS = 20;
export const KEY_SET_WORDS = 1 << (KEY_BITS - 5);
export function tripleHash(a: number, b: number, c: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35)) >>> (32 - KEY_BITS);
}
export function quadHash(a: number, b: number, c: number, d: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35) ^ Math.imul(d, 0x27d4eb2f)) >>> (32 - KEY_BITS);
}
/** A fragment's key among those at the start of a text: its character, or its first two. */
export function startKey(text: string): number {
  return text.length === 1 ? text.charCodeAt(0) : pairKey(text.charCodeAt(0), text.charCodeAt(1));
}
export function pairKey(a: number, b: number): number {
  return 0x10000 + a * 0x10000 + b;
}

/** Each slot's fragments (a string: one not at the start of a text), null for a slot that always runs, undefined for a sum of others. */
export type Slots = readonly (readonly (Fragment | string)[] | null | undefined)[];

export function mustAlwaysRun(fragments: readonly (Fragment | string)[] | null): boolean {
  return !fragments || fragments.length === 0 || fragments.some((f) => (typeof f === 'string' ? f : f.text).length === 0);
}

/**
 * The tables. The fragments keyed by two or more characters come sorted by their key's width (two,
 * three, four) and then by its hash: the fragments of one key are a run of them, found by the hash.
 */
export type ScanTables = {
  /** How many slots the scan answers for. */
  size: number;
  /** The slots that always run (a fragment could not be proved). */
  always: number[];
  /** Per slot: another that a find of it marks too (a list, of its pieces), or -1. */
  up: Int32Array;
  /** Fragments of one character: the character, and the slots it marks. */
  singles: [number, number[]][];
  /** Fragments at the start of a text, by startKey: their text and slot. */
  starts: [number, [string, number][]][];
  literals: string[];
  hashes: Uint32Array;
  slots: Uint16Array;
  /** Where each literal's key starts in it. */
  offsets: Uint16Array;
  /** Where the keys of two, three and four characters end among the literals. */
  ends: [number, number, number];
  /** The pair hashes that begin a key, and which widths of key each begins (bits 1, 2, 4). */
  gatePairs: Uint16Array;
  gateWidths: Uint8Array;
};

/** Builds the tables, yielding every `step` fragments (a page that makes them does so between the scan's yields). */
export function* buildTablesSteps(slots: Slots, offsetOf: (literal: string, k: number) => number, up?: readonly number[], step = 1500): Generator<void, ScanTables, void> {
  const always = new Set<number>();
  const singles = new Map<number, number[]>();
  const starts = new Map<number, [string, number][]>();
  const keyed: { literal: string; hash: number; width: number; slot: number; offset: number }[] = [];
  const gate = new Map<number, number>();
  const ups = new Int32Array(slots.length).fill(-1);
  let k = 0;
  let added = 0;
  for (let slot = 0; slot < slots.length; slot++) {
    const fragments = slots[slot];
    const parent = up?.[slot] ?? -1;
    ups[slot] = parent;
    if (fragments === undefined) continue;
    if (mustAlwaysRun(fragments)) {
      always.add(slot);
      if (parent >= 0) always.add(parent);
      continue;
    }
    for (const f of fragments ?? []) {
      const literal = typeof f === 'string' ? f : f.text;
      if (typeof f !== 'string' && f.atStart) {
        const key = startKey(literal);
        const bucket = starts.get(key);
        if (bucket) bucket.push([literal, slot]);
        else starts.set(key, [[literal, slot]]);
      } else {
        const offset = offsetOf(literal, k++);
        if (literal.length === 1) {
          const code = literal.charCodeAt(0);
          const marks = singles.get(code) ?? [];
          if (!marks.includes(slot)) marks.push(slot);
          singles.set(code, marks);
        } else {
          const width = Math.min(4, literal.length);
          const c = (i: number) => literal.charCodeAt(offset + i);
          const pair = pairHash(c(0), c(1));
          gate.set(pair, (gate.get(pair) ?? 0) | (width === 2 ? 1 : width === 3 ? 2 : 4));
          const hash = width === 2 ? pair : width === 3 ? tripleHash(c(0), c(1), c(2)) : quadHash(c(0), c(1), c(2), c(3));
          keyed.push({ literal, hash, width, slot, offset });
        }
      }
      if (++added % step === 0) yield;
    }
  }
  if (slots.length > 0xffff) throw new Error(`a scan of ${slots.length} slots: at most 65,535`);
  keyed.sort((a, b) => a.width - b.width || a.hash - b.hash);
  const endOf = (width: number) => keyed.findIndex((e) => e.width > width);
  const end = (width: number) => (endOf(width) === -1 ? keyed.length : endOf(width));
  const gatePairs = [...gate.keys()].sort((a, b) => a - b);
  return {
    size: slots.length,
    always: [...always].sort((a, b) => a - b),
    up: ups,
    singles: [...singles],
    starts: [...starts],
    literals: keyed.map((e) => e.literal),
    hashes: Uint32Array.from(keyed, (e) => e.hash),
    slots: Uint16Array.from(keyed, (e) => e.slot),
    offsets: Uint16Array.from(keyed, (e) => e.offset),
    ends: [end(2), end(3), keyed.length],
    gatePairs: Uint16Array.from(gatePairs),
    gateWidths: Uint8Array.from(gatePairs, (p) => gate.get(p)!),
  };
}

/**
 * The tables as the build ships them, in JSON: the numbers of each fragment packed in one base64
 * string, the literals joined by newlines (no normalized fragment holds one), the few rest as they are.
 */
export type ShippedTables = {
  size: number;
  always: number[];
  /** The slots that mark another: slot, then the other. */
  up: number[];
  singles: [number, number[]][];
  starts: [number, [string, number][]][];
  literals: string;
  ends: [number, number, number];
  gates: number;
  /** hashes (4 bytes each), slots (2), offsets (2), gate pairs (2), gate widths (1). */
  packed: string;
};

const JOINT = '\n';

export function shipTables(t: ScanTables): ShippedTables {
  if (t.literals.some((l) => l.includes(JOINT))) throw new Error('a fragment holds a newline: it cannot be shipped joined by newlines');
  const n = t.literals.length;
  const g = t.gatePairs.length;
  const bytes = new Uint8Array(8 * n + 3 * g);
  bytes.set(new Uint8Array(t.hashes.buffer, t.hashes.byteOffset, 4 * n), 0);
  bytes.set(new Uint8Array(t.slots.buffer, t.slots.byteOffset, 2 * n), 4 * n);
  bytes.set(new Uint8Array(t.offsets.buffer, t.offsets.byteOffset, 2 * n), 6 * n);
  bytes.set(new Uint8Array(t.gatePairs.buffer, t.gatePairs.byteOffset, 2 * g), 8 * n);
  bytes.set(t.gateWidths, 8 * n + 2 * g);
  const up: number[] = [];
  t.up.forEach((u, slot) => {
    if (u >= 0) up.push(slot, u);
  });
  return { size: t.size, always: t.always, up, singles: t.singles, starts: t.starts, literals: t.literals.join(JOINT), ends: t.ends, gates: g, packed: toBase64(bytes) };
}

export function unpackTables(s: ShippedTables): ScanTables {
  const n = s.ends[2];
  const g = s.gates;
  const bytes = fromBase64(s.packed);
  if (bytes.length !== 8 * n + 3 * g) throw new Error('shipped scan tables of the wrong length');
  const up = new Int32Array(s.size).fill(-1);
  for (let i = 0; i < s.up.length; i += 2) up[s.up[i]] = s.up[i + 1];
  const { buffer } = bytes;
  return {
    size: s.size,
    always: s.always,
    up,
    singles: s.singles,
    starts: s.starts,
    literals: n === 0 ? [] : s.literals.split(JOINT),
    hashes: new Uint32Array(buffer, 0, n),
    slots: new Uint16Array(buffer, 4 * n, n),
    offsets: new Uint16Array(buffer, 6 * n, n),
    ends: s.ends,
    gatePairs: new Uint16Array(buffer, 8 * n, g),
    gateWidths: new Uint8Array(buffer, 8 * n + 2 * g, g),
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Chromium 140 and Firefox 133 decode base64 themselves; before them, atob and a loop. */
function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
