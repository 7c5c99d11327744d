/**
 * A LiteralScan's tables (prefilter.ts): its fragments keyed for one pass over a text, in flat typed
 * arrays. Made in the page, they cost steps of cold code per fragment: the lexicon's twelve thousand
 * 10-25 ms of CPU of the first scan of every page read node by node, a squeezed look's three thousand
 * some 4 ms of every page's. The build makes the two looks' and ships them packed (`ShippedTables`),
 * which the page unpacks with the browser's own base64 decoder; the lexicon's, shipped, cost every
 * page's start 6-7 ms more compile of the bundle, and are made in the page (docs/speed.md).
 */
import type { Fragment } from './prefilter';

const PAIR_MASK = 0xffff;
/** Every text position is first looked up by the hash of its two characters. */
export function pairHash(a: number, b: number): number {
  return ((a << 8) ^ b ^ Math.imul(a >>> 8, 0x3f1)) & PAIR_MASK;
}
/** Keys of three and four characters hash to 20 bits; their bit sets (prefilter.ts keySet) hold up to 2^20 bits. */
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

/**
 * Builds the tables, yielding every `step` fragments or so (a page that makes them does so between
 * the scan's yields): the bundled lists' twelve thousand took 20-40 ms in one task there.
 */
export function* buildTablesSteps(slots: Slots, offsetOf: (literal: string, k: number) => number, up?: readonly number[], step = 1500): Generator<void, ScanTables, void> {
  const builder = new TablesBuilder(slots, offsetOf, up);
  while (!builder.add(step)) yield;
  // Ordering them, a step of its own.
  yield;
  return builder.tables();
}

/**
 * The building in plain methods, each with its loop, and not in the generator: the engine optimises
 * a long loop in a plain function while it runs (on-stack replacement), one in a generator only on a
 * later call, and a page builds the tables once.
 */
class TablesBuilder {
  private readonly always: number[] = [];
  private readonly singles = new Map<number, number[]>();
  private readonly starts = new Map<number, [string, number][]>();
  private readonly ups: Int32Array;
  private readonly gate = new Uint8Array(PAIR_MASK + 1);
  /** The pairs set in `gate`, in the order first set. */
  private readonly gated: number[] = [];
  /** Each keyed literal, its slot and offset, in the order added. */
  private readonly literals: string[] = [];
  private readonly slotOf: number[] = [];
  private readonly offsets: number[] = [];
  /**
   * What orders them: the key's width less two and its hash (22 bits), then the place the literal
   * was added (16 bits), one number each, which the browser's own sort of a typed array puts in
   * order (a sort calling a comparison 160,000 times took 10-20 ms of one task cold; a radix sort's
   * loops, cold, 2-3 ms).
   */
  private readonly order: Float64Array;
  private keyed = 0;
  /** The next slot, and the next of its fragments. */
  private slot = 0;
  private at = 0;
  /** Fragments not at the start of a text so far: offsetOf's index. */
  private k = 0;

  constructor(
    private readonly slots: Slots,
    private readonly offsetOf: (literal: string, k: number) => number,
    private readonly up: readonly number[] | undefined,
  ) {
    if (slots.length > 0xffff) throw new Error(`a scan of ${slots.length} slots: at most 65,535`);
    this.ups = new Int32Array(slots.length).fill(-1);
    let fragments = 0;
    for (const f of slots) fragments += f?.length ?? 0;
    if (fragments > 0xffff) throw new Error(`a scan of ${fragments} fragments: at most 65,535`);
    this.order = new Float64Array(fragments);
  }

  /** Adds about `budget` fragments; true when every slot is in. */
  add(budget: number): boolean {
    const { slots, ups, always } = this;
    let added = 0;
    for (; this.slot < slots.length; this.slot++, this.at = 0) {
      const slot = this.slot;
      const fragments = slots[slot];
      if (this.at === 0) {
        const parent = this.up?.[slot] ?? -1;
        ups[slot] = parent;
        if (fragments === undefined) continue;
        if (mustAlwaysRun(fragments)) {
          always.push(slot);
          if (parent >= 0) always.push(parent);
          continue;
        }
      }
      if (!fragments) continue;
      for (; this.at < fragments.length; this.at++) {
        if (added++ === budget) return false;
        this.fragment(fragments[this.at], slot);
      }
    }
    return true;
  }

  private fragment(f: Fragment | string, slot: number): void {
    const literal = typeof f === 'string' ? f : f.text;
    if (typeof f !== 'string' && f.atStart) {
      const key = startKey(literal);
      const bucket = this.starts.get(key);
      if (bucket) bucket.push([literal, slot]);
      else this.starts.set(key, [[literal, slot]]);
      return;
    }
    const offset = this.offsetOf(literal, this.k++);
    if (literal.length === 1) {
      const code = literal.charCodeAt(0);
      const marks = this.singles.get(code);
      if (!marks) this.singles.set(code, [slot]);
      else if (!marks.includes(slot)) marks.push(slot);
      return;
    }
    const a = literal.charCodeAt(offset);
    const b = literal.charCodeAt(offset + 1);
    const pair = pairHash(a, b);
    if (this.gate[pair] === 0) this.gated.push(pair);
    // Keyed by its first two, three or four characters from the offset (two or three for a fragment so short).
    let key: number;
    if (literal.length === 2) {
      this.gate[pair] |= 1;
      key = pair;
    } else if (literal.length === 3) {
      this.gate[pair] |= 2;
      key = (1 << 20) | tripleHash(a, b, literal.charCodeAt(offset + 2));
    } else {
      this.gate[pair] |= 4;
      key = (2 << 20) | quadHash(a, b, literal.charCodeAt(offset + 2), literal.charCodeAt(offset + 3));
    }
    this.order[this.keyed] = key * 0x10000 + this.keyed;
    this.keyed++;
    this.literals.push(literal);
    this.slotOf.push(slot);
    this.offsets.push(offset);
  }

  tables(): ScanTables {
    const n = this.keyed;
    const order = this.order.subarray(0, n).sort();
    const { slotOf, offsets: offsetOf, gate, gated } = this;
    const from = this.literals;
    const literals = new Array<string>(n);
    const hashes = new Uint32Array(n);
    const slots = new Uint16Array(n);
    const offsets = new Uint16Array(n);
    let pairsEnd = 0;
    let triplesEnd = 0;
    for (let i = 0; i < n; i++) {
      const key = Math.floor(order[i] / 0x10000);
      const j = order[i] - key * 0x10000;
      literals[i] = from[j];
      hashes[i] = key & 0xfffff;
      slots[i] = slotOf[j];
      offsets[i] = offsetOf[j];
      // Sorted by width first: the keys of two characters, then three (below 2 << 20), then four.
      if (key < 1 << 20) pairsEnd = i + 1;
      if (key < 2 << 20) triplesEnd = i + 1;
    }
    const gatePairs = Uint16Array.from(gated);
    const gateWidths = new Uint8Array(gated.length);
    for (let i = 0; i < gated.length; i++) gateWidths[i] = gate[gated[i]];
    return {
      size: this.slots.length,
      always: [...new Set(this.always)].sort((a, b) => a - b),
      up: this.ups,
      singles: [...this.singles],
      starts: [...this.starts],
      literals,
      hashes,
      slots,
      offsets,
      ends: [pairsEnd, triplesEnd, n],
      gatePairs,
      gateWidths,
    };
  }
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
  /** Bytes per slot and per offset: one each where every one is below 256, else two. */
  widths: [number, number];
  /** The columns: hashes (3 bytes each), slots, offsets, gate pairs (2), gate widths (1), little-endian. */
  packed: string;
};

const JOINT = '\n';
/** A key's hash takes at most 20 bits. */
const HASH_BYTES = 3;

export function shipTables(t: ScanTables): ShippedTables {
  if (t.literals.some((l) => l.includes(JOINT))) throw new Error('a fragment holds a newline: it cannot be shipped joined by newlines');
  const widthOf = (values: ArrayLike<number>) => (Array.prototype.every.call(values, (v: number) => v < 256) ? 1 : 2);
  const widths: [number, number] = [t.size <= 256 ? 1 : 2, widthOf(t.offsets)];
  const up: number[] = [];
  t.up.forEach((u, slot) => {
    if (u >= 0) up.push(slot, u);
  });
  const columns: [ArrayLike<number>, number][] = [
    [t.hashes, HASH_BYTES],
    [t.slots, widths[0]],
    [t.offsets, widths[1]],
    [t.gatePairs, 2],
    [t.gateWidths, 1],
  ];
  const bytes = new Uint8Array(columns.reduce((sum, [values, width]) => sum + values.length * width, 0));
  let at = 0;
  for (const [values, width] of columns)
    for (let i = 0; i < values.length; i++) for (let b = 0; b < width; b++) bytes[at++] = (values[i] >>> (8 * b)) & 0xff;
  const { size, always, singles, starts, ends } = t;
  return { size, always, up, singles, starts, literals: t.literals.join(JOINT), ends, gates: t.gatePairs.length, widths, packed: toBase64(bytes) };
}

/** Unpacks shipped tables, in a step of their own. */
export function* unpackTablesSteps(s: ShippedTables): Generator<void, ScanTables, void> {
  yield;
  return unpackTables(s);
}

function unpackTables(s: ShippedTables): ScanTables {
  const n = s.ends[2];
  const g = s.gates;
  const [slotBytes, offsetBytes] = s.widths;
  const bytes = fromBase64(s.packed);
  if (bytes.length !== n * (HASH_BYTES + slotBytes + offsetBytes) + 3 * g) throw new Error('shipped scan tables of the wrong length');
  const up = new Int32Array(s.size).fill(-1);
  for (let i = 0; i < s.up.length; i += 2) up[s.up[i]] = s.up[i + 1];
  const hashes = new Uint32Array(n);
  const slots = new Uint16Array(n);
  const offsets = new Uint16Array(n);
  const gatePairs = new Uint16Array(g);
  const gateWidths = new Uint8Array(g);
  let at = readColumn(bytes, 0, hashes, HASH_BYTES);
  at = readColumn(bytes, at, slots, slotBytes);
  at = readColumn(bytes, at, offsets, offsetBytes);
  at = readColumn(bytes, at, gatePairs, 2);
  readColumn(bytes, at, gateWidths, 1);
  return { size: s.size, always: s.always, up, singles: s.singles, starts: s.starts, literals: n === 0 ? [] : s.literals.split(JOINT), hashes, slots, offsets, ends: s.ends, gatePairs, gateWidths };
}

/** Reads `into.length` numbers of `width` bytes each from `at`; gives where the column ends. */
function readColumn(bytes: Uint8Array, at: number, into: Uint32Array | Uint16Array | Uint8Array, width: number): number {
  const n = into.length;
  if (width === 1) {
    into.set(bytes.subarray(at, at + n));
    return at + n;
  }
  for (let i = 0; i < n; i++, at += width) into[i] = width === 2 ? bytes[at] | (bytes[at + 1] << 8) : bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
  return at;
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
