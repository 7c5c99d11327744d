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

describe('the walk carried over edits of text', () => {
  /** A walk read to the end, with the texts of the paragraphs' parents and the blocks kept as a scan keeps them. */
  function walked(doc: Document): TextIndex {
    const index = new TextIndex(doc);
    runAtOnce(index.readSteps());
    for (let i = 0; i < index.count; i++) index.keepText(i, index.parentAt(i)!.textContent ?? '');
    index.keepBlock(doc.body, { whole: doc.body.textContent ?? '', clauses: 'clauses' });
    return index;
  }

  it('reads the new texts as a new walk does, and keeps the texts of the elements no edit is inside', () => {
    const doc = page();
    const index = walked(doc);
    const ps = doc.querySelectorAll('p');
    const edited = [ps[3].firstChild as Text, ps[17].firstChild as Text];
    edited[0].data = 'Offer ends in 04:59';
    edited[1].data = 'Cancel anytime';
    expect(index.carryOver({ edited })).toBe(true);
    for (const cap of [10, 500, 100_000]) expect(index.readAgain(cap).text).toBe(runAtOnce(pageReadSteps(doc, cap)).text);
    // The edited paragraphs' texts are dropped, the others' kept; so is the body's block, which holds both.
    const at = (p: Element) => index.texts.findIndex((_, i) => index.parentAt(i) === p);
    expect(index.textAt(at(ps[3]))).toBeUndefined();
    expect(index.textAt(at(ps[17]))).toBeUndefined();
    expect(index.textAt(at(ps[4]))).toBe(ps[4].textContent);
    expect(index.blockAt(doc.body)).toBeUndefined();
  });

  it('keeps everything after changes of attributes alone', () => {
    const doc = page();
    const index = walked(doc);
    doc.querySelector('p')!.className = 'open';
    expect(index.carryOver({ edited: [] })).toBe(true);
    expect(index.blockAt(doc.body)?.clauses).toBe('clauses');
    expect(index.textAt(0)).toBe(doc.querySelector('p')!.textContent);
  });

  it('passes over edits no walk reads (the title, a blank text, script, a comment) but drops what they are inside', () => {
    const doc = page();
    const script = doc.body.appendChild(doc.createElement('script'));
    script.textContent = 'var a = 1;';
    const blank = doc.body.appendChild(doc.createTextNode('   '));
    const comment = doc.body.appendChild(doc.createComment('x'));
    const index = walked(doc);
    doc.title = 'Your plan';
    (script.firstChild as Text).data = 'var a = 2;';
    blank.data = '\n  ';
    comment.data = 'y';
    expect(index.carryOver({ edited: [doc.querySelector('title')!.firstChild as Text, script.firstChild as Text, blank, comment] })).toBe(true);
    expect(index.readAgain(100_000).text).toBe(runAtOnce(pageReadSteps(doc, 100_000)).text);
    expect(index.blockAt(doc.body)).toBeUndefined();
    expect(index.textAt(0)).toBe(doc.querySelector('p')!.textContent);
  });

  it('says the page must be walked anew when an edit changes which nodes the walk holds', () => {
    const blanked = page();
    const first = walked(blanked);
    const p = blanked.querySelector('p')!.firstChild as Text;
    p.data = ' ';
    expect(first.carryOver({ edited: [p] })).toBe(false);
    const filled = page();
    const blank = filled.body.appendChild(filled.createTextNode('  '));
    const second = walked(filled);
    blank.data = 'Cancel anytime';
    expect(second.carryOver({ edited: [blank] })).toBe(false);
    // Subtrees added too large to read in one task: the page is walked anew, in steps.
    const grown = page();
    const third = walked(grown);
    const long = grown.createElement('div');
    for (let i = 0; i < 3000; i++) long.append(Object.assign(grown.createElement('span'), { textContent: `row ${i}` }));
    grown.body.append(long);
    expect(third.carryOver({ edited: [], added: [long], targets: [grown.body] })).toBe(false);
    expect(third.readAgain(100_000).text).toBe(walked(page()).readAgain(100_000).text);
    // Texts added in many places (each sorted into place and spliced in): 80 are walked anew, 40 taken in.
    for (const many of [80, 40]) {
      const scattered = page();
      const index = walked(scattered);
      const ps = [...scattered.querySelectorAll('p')];
      const added = Array.from({ length: many }, (_, i) => ps[i % ps.length].appendChild(scattered.createTextNode(` more ${i}`)));
      expect(index.carryOver({ edited: [], added, targets: ps }), `${many} texts added`).toBe(many <= 64);
      if (many <= 64) expect(index.readAgain(100_000).text).toBe(runAtOnce(pageReadSteps(scattered, 100_000)).text);
    }
    // A walk not read to the end cannot be read again at all.
    const part = new TextIndex(page());
    runAtOnce(part.readSteps(100));
    expect(part.carryOver({ edited: [] })).toBe(false);
  });
});

describe('the walk carried over nodes added, removed and moved', () => {
  /** A small deterministic random source (the same bursts on every run). */
  function random(seed: number): (n: number) => number {
    let x = seed;
    return (n) => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return Math.floor((x / 2147483648) * n);
    };
  }
  const WORDS = ['Your plan', 'Cancel anytime', '  ', 'Upgrade to Pro', '\n', 'Offer ends in 04:59', 'Downgrade', 'x'];

  it('gives the texts, parents and hosts a new walk gives, after bursts of random changes', async () => {
    const { watchForChanges } = await import('../../src/content/watch');
    const doc = document.implementation.createHTMLDocument('changes');
    const rnd = random(7);
    const elements = () => [...doc.body.querySelectorAll('*')];
    const subtree = (): Node => {
      const kind = rnd(6);
      if (kind === 0) return doc.createTextNode(WORDS[rnd(WORDS.length)]);
      const el = doc.createElement(['div', 'p', 'span', 'script', 'b', 'section'][rnd(6)]);
      for (let k = rnd(4); k > 0; k--) el.append(k % 2 ? WORDS[rnd(WORDS.length)] : subtree());
      if (el.tagName === 'DIV' && rnd(4) === 0) el.attachShadow({ mode: 'open' }).textContent = 'inside';
      return el;
    };
    for (let i = 0; i < 30; i++) doc.body.append(subtree());
    const watcher = watchForChanges(doc, () => {});
    watcher.takeChanges();
    let walk = new TextIndex(doc);
    runAtOnce(walk.readSteps());
    let carried = 0;
    const gone: Element[] = [];
    const holder = doc.createElement('div');
    try {
      for (let burst = 0; burst < 120; burst++) {
        for (let op = 1 + rnd(4); op > 0; op--) {
          const els = elements();
          const el = els[rnd(els.length)];
          const other = els[rnd(els.length)];
          switch (rnd(8)) {
            case 0:
              el.append(subtree());
              break;
            case 1:
              if (el.parentNode) {
                el.remove();
                gone.push(el);
              }
              break;
            case 2:
              // A move: into a place not inside itself.
              if (!el.contains(other)) other.prepend(el);
              break;
            case 3: {
              const t = [...el.childNodes].find((n) => n.nodeType === 3) as Text | undefined;
              if (t) t.data = WORDS[rnd(WORDS.length)];
              break;
            }
            case 4:
              el.before(subtree());
              break;
            case 5: {
              // Added, then part of it removed or moved out, in the same burst.
              const s = subtree();
              el.after(s);
              if (s.firstChild) doc.body.append(s.firstChild);
              break;
            }
            case 6: {
              // Out of a subtree removed earlier, once the watcher has been told of the removal: no observer sees this.
              const earlier = gone[rnd(gone.length)];
              if (earlier?.firstChild) {
                await new Promise((r) => setTimeout(r, 0));
                holder.append(earlier.firstChild);
              }
              break;
            }
            default:
              if (el.firstChild) el.firstChild.remove();
          }
        }
        const { structure, ...since } = watcher.takeChanges();
        expect(structure).toBe(false);
        if (walk.carryOver(since)) {
          carried++;
          const fresh = new TextIndex(doc);
          runAtOnce(fresh.readSteps());
          expect(walk.texts, `burst ${burst}`).toEqual(fresh.texts);
          for (let i = 0; i < fresh.count; i++) expect(walk.parentAt(i), `burst ${burst}, text ${i}`).toBe(fresh.parentAt(i));
          for (const cap of [40, 400, 100_000]) {
            const again = walk.readAgain(cap);
            const read = runAtOnce(pageReadSteps(doc, cap));
            expect(again.text, `burst ${burst}, cap ${cap}`).toBe(read.text);
            expect(again.hosts, `burst ${burst}, cap ${cap}`).toEqual(read.hosts);
          }
        } else {
          walk = new TextIndex(doc);
          runAtOnce(walk.readSteps());
        }
      }
    } finally {
      watcher();
    }
    // Most bursts are carried over (the others edit a text to or from blank).
    expect(carried).toBeGreaterThan(60);
  });
});
