import { describe, expect, it } from 'vitest';
import { LiteralScan } from '../../src/rules/prefilter';
import { buildTablesSteps, unpackTablesSteps, type ShippedTables, type Slots } from '../../src/rules/scan-tables';

const SLOTS: Slots = [undefined, ['cancel', 'unsubscribe', { text: 'to', atStart: true }], ['取消', '退订', 'ab', 'xyz'], ['@', 'ab'], null];
const UP = [-1, 0, 0, -1, -1];

function build(slots: Slots, up?: number[]) {
  const steps = buildTablesSteps(slots, () => 0, up, 2);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

describe("a scan's tables", () => {
  it('key each literal by two, three or four characters, in runs sorted by their hash', () => {
    const t = build(SLOTS, UP);
    expect(t.literals.slice(0, t.ends[0]).every((l) => l.length === 2)).toBe(true);
    expect(t.literals.slice(t.ends[0], t.ends[1]).every((l) => l.length === 3)).toBe(true);
    expect(t.literals.slice(t.ends[1]).every((l) => l.length >= 4)).toBe(true);
    for (const [from, to] of [
      [0, t.ends[0]],
      [t.ends[0], t.ends[1]],
      [t.ends[1], t.ends[2]],
    ])
      for (let i = from + 1; i < to; i++) expect(t.hashes[i]).toBeGreaterThanOrEqual(t.hashes[i - 1]);
    // "ab" twice, in two slots: a run of one hash, both kept.
    expect(t.literals.filter((l) => l === 'ab')).toHaveLength(2);
    expect(t.singles).toEqual([[64, [3]]]);
    expect(t.starts.flatMap(([, s]) => s)).toEqual([['to', 1]]);
    expect(t.always).toEqual([4]);
    expect([...t.up]).toEqual(UP);
  });

  it('shipped as JSON and unpacked, answer as the tables made in the page', () => {
    const made = new LiteralScan(SLOTS, undefined, UP);
    const shipped = JSON.parse(JSON.stringify(made.shipped())) as ShippedTables;
    const ready = LiteralScan.ready(shipped);
    for (const text of ['cancel now', 'to unsubscribe', 'tomorrow', '我要取消', 'mail@home', 'cab xyz', 'nothing', '', 'a'])
      expect([...ready.present(text)], text).toEqual([...made.present(text)]);
    expect([...ready.present('to cancel')]).toEqual([1, 1, 0, 0, 1]);
    expect([...ready.present('nothing')]).toEqual([0, 0, 0, 0, 1]);
  });

  it('ship slots and offsets of 256 and more in two bytes', () => {
    const many: Slots = Array.from({ length: 300 }, (_, i) => [`w${i}x${'y'.repeat(i % 290)}z`]);
    // Keys start at the fragment's end: offsets up to 292.
    const made = new LiteralScan(
      many,
      Array.from({ length: 300 }, (_, i) => `w${i}x${'y'.repeat(i % 290)}z`.length - 4),
    );
    const shipped = made.shipped();
    expect(shipped.widths).toEqual([2, 2]);
    const ready = LiteralScan.ready(JSON.parse(JSON.stringify(shipped)) as ShippedTables);
    for (const text of ['w299xyyyyyyyyyz', `w289x${'y'.repeat(289)}z`, `w12x${'y'.repeat(12)}z`, 'w5xz']) expect([...ready.present(text)], text).toEqual([...made.present(text)]);
    expect(ready.present(`w289x${'y'.repeat(289)}z`).has(289)).toBe(true);
  });

  it('refuse shipped tables of the wrong length, and a fragment that holds their joint', () => {
    const shipped = new LiteralScan(SLOTS, undefined, UP).shipped();
    const cut = { ...shipped, packed: shipped.packed.slice(0, -8) };
    const steps = unpackTablesSteps(cut);
    steps.next();
    expect(() => steps.next()).toThrow(/wrong length/);
    expect(() => new LiteralScan([['two\nlines']]).shipped()).toThrow(/newline/);
  });
});
