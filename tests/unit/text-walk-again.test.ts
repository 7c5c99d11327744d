/** TextIndex.readAgain: the last scan's walk, read again, gives what a new walk gives (page-text.ts). */
import { describe, expect, it } from 'vitest';
import { pageReadSteps, TextIndex } from '../../src/engine/page-text';
import { runAtOnce } from '../../src/engine/scan-timing';

/**
 * Paragraphs of growing length, with shadow hosts between them and one at the very end. (Frames are
 * hosts in the same way; happy-dom complains of every frame it does not load.)
 */
function page(): Document {
  const doc = document.implementation.createHTMLDocument('walk');
  for (let i = 0; i < 40; i++) {
    const p = doc.createElement('p');
    p.textContent = `Paragraph ${i} ${'x'.repeat(i * 7)}`;
    doc.body.append(p);
    if (i % 9 === 4) doc.body.append(Object.assign(doc.createElement('div'), { id: `host${i}` }));
  }
  doc.body.append(Object.assign(doc.createElement('div'), { id: 'last' }));
  for (const host of doc.querySelectorAll('div[id]')) host.attachShadow({ mode: 'open' }).textContent = 'inside';
  return doc;
}

describe('the walk read again', () => {
  it('gives the text and the hosts a new walk gives, whatever the cap', () => {
    const doc = page();
    const whole = new TextIndex(doc);
    runAtOnce(whole.readSteps());
    expect(whole.complete).toBe(true);
    const total = whole.texts.reduce((n, t) => n + t.length, 0);
    for (const cap of [1, 12, 13, 100, 500, 1234, 3000, total - 1, total, total + 1, 100_000]) {
      const fresh = runAtOnce(pageReadSteps(doc, cap));
      const again = whole.readAgain(cap);
      expect(again.text, `cap ${cap}`).toBe(fresh.text);
      expect(
        again.hosts.map((h) => h.id || h.localName),
        `cap ${cap}`,
      ).toEqual(fresh.hosts.map((h) => h.id || h.localName));
      expect(again.index).toBe(whole);
    }
    // The caps above cut the page among its hosts: some but not all were met.
    expect(whole.readAgain(1234).hosts.length).toBeGreaterThan(0);
    expect(whole.readAgain(1234).hosts.length).toBeLessThan(whole.hosts.length);
  });

  it('is used only for a walk read to the end, of the same document', () => {
    const doc = page();
    const part = new TextIndex(doc);
    runAtOnce(part.readSteps(100));
    expect(runAtOnce(pageReadSteps(doc, 1000, part)).index).not.toBe(part);
    const whole = new TextIndex(doc);
    runAtOnce(whole.readSteps());
    expect(runAtOnce(pageReadSteps(doc, 1000, whole)).index).toBe(whole);
    expect(runAtOnce(pageReadSteps(page(), 1000, whole)).index).not.toBe(whole);
  });
});
