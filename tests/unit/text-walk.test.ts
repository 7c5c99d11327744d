/**
 * TextIndex reads the text with a walk of text nodes and finds the hosts with a walk of elements that
 * follows it (page-text.ts). Both together must give what one walk of every node gives, read as the
 * scan reads it: to the pre-check's cap first, then on to the end.
 */
import { describe, expect, it } from 'vitest';
import { hasNonSpace, TextIndex } from '../../src/engine/page-text';
import { runAtOnce } from '../../src/engine/scan-timing';

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/** One walk of elements and texts, up to the text that reaches `cap`: the texts, their parents, and the hosts with the texts read before each. */
function oneWalk(doc: Document, cap: number) {
  const texts: string[] = [];
  const parents: Element[] = [];
  const hosts: { host: Element; at: number }[] = [];
  if (doc.body.shadowRoot) hosts.push({ host: doc.body, at: 0 });
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let length = 0;
  for (let n = walker.nextNode(); n && length < cap; n = walker.nextNode()) {
    if (n.nodeType === 1) {
      if ((n as Element).shadowRoot) hosts.push({ host: n as Element, at: texts.length });
      continue;
    }
    const t = (n as Text).data;
    const parent = n.parentNode as Element;
    if (!/\S/.test(t) || SKIP.has(parent.tagName)) continue;
    texts.push(t);
    parents.push(parent);
    length += t.length;
  }
  return { texts, parents, hosts };
}

/**
 * Rows of text with shadow hosts among them: hosts with text of their own (light DOM) and without,
 * one inside another's light DOM, whole rows of hosts, script, style and noscript text, an svg
 * style (happy-dom names it STYLE, so here its text is left out too), and more than a thousand
 * elements between some hosts, so that the
 * walk of elements goes past the text read in a step of its own.
 */
function page(): Document {
  const doc = document.implementation.createHTMLDocument('walk');
  const add = (html: string) => doc.body.insertAdjacentHTML('beforeend', html);
  for (let i = 0; i < 60; i++) {
    add(`<p>Row ${i} ${'word '.repeat(i % 7)}</p>`);
    if (i % 7 === 3) add(`<div class="host" id="h${i}">light ${i}<span>inner ${i}</span><div class="host" id="in${i}">deep ${i}</div></div>`);
    if (i % 11 === 5) add(`<script>var s${i} = "not text";</script><style>.x${i} { color: red }</style><noscript>no ${i}</noscript>`);
    if (i % 13 === 6) add(`<svg><style>svg text ${i}</style></svg>`);
    if (i === 20) add(`<ul>${'<li><i></i></li>'.repeat(700)}</ul><div class="host" id="after-many"></div>`);
    if (i === 40) add(`${'<div class="host"></div>'.repeat(5)}`);
  }
  add('<div class="host" id="last"></div>');
  for (const host of doc.querySelectorAll('.host')) host.attachShadow({ mode: 'open' }).textContent = 'shadow text';
  return doc;
}

const names = (hosts: Element[]) => hosts.map((h) => h.id || h.localName);

describe('the walk of texts and the walk of elements', () => {
  it('give the texts, parents and hosts of one walk of both, to each cap and then to the end', () => {
    const doc = page();
    const whole = oneWalk(doc, Infinity);
    const total = whole.texts.reduce((n, t) => n + t.length, 0);
    expect(whole.hosts.length).toBeGreaterThan(12);
    for (const cap of [1, 9, 10, 200, 700, 701, Math.floor(total / 2), total - 1, total, 100_000]) {
      const index = new TextIndex(doc);
      runAtOnce(index.readSteps(cap));
      const part = oneWalk(doc, cap);
      expect(index.texts, `cap ${cap}`).toEqual(part.texts);
      expect(names(index.hosts), `cap ${cap}`).toEqual(names(part.hosts.map((h) => h.host)));
      // Read on, as text blocks do after the pre-check: the hosts beyond the cap come now, in order.
      runAtOnce(index.readSteps());
      expect(index.texts, `cap ${cap}, then all`).toEqual(whole.texts);
      expect(names(index.hosts), `cap ${cap}, then all`).toEqual(names(whole.hosts.map((h) => h.host)));
      expect(
        index.texts.map((_, i) => index.parentAt(i)),
        `cap ${cap}`,
      ).toEqual(whole.parents);
      expect(index.texts.map((_, i) => index.tagAt(i))).toEqual(whole.parents.map((p) => p.tagName));
      // Where each host was met: readAgain cuts the hosts by it, at every text's end.
      let end = 0;
      for (const text of whole.texts) {
        end += text.length;
        const fresh = oneWalk(doc, end);
        expect(names(index.readAgain(end).hosts), `cap ${cap}, read again to ${end}`).toEqual(names(fresh.hosts.map((h) => h.host)));
      }
    }
  });

  it('leave out script, style and noscript text', () => {
    const index = new TextIndex(page());
    runAtOnce(index.readSteps());
    const text = index.texts.join('\n');
    expect(text).toContain('Row 59');
    expect(text).not.toContain('not text');
    expect(text).not.toContain('color: red');
    expect(text).not.toContain('no 5');
  });

  it('give no parent for a text that has left the page since it was read', () => {
    const doc = page();
    const index = new TextIndex(doc);
    runAtOnce(index.readSteps());
    // The first text leaves the page; the second's parent is read as usual.
    doc.body.querySelector('p')!.firstChild!.remove();
    expect(index.parentAt(0)).toBeNull();
    expect(index.tagAt(0)).toBe('');
    expect(index.parentAt(1)?.localName).toBe('p');
  });
});

describe('hasNonSpace', () => {
  it('answers as /\\S/ does, for every kind of space and character', () => {
    const spaces = ['', ' ', '\n', '\t', '\r', '\f', '\v', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028'];
    const others = ['a', '~', '\u0000', '\u0007', '\u007f', 'é', '升', '\u200b', '😀'];
    const texts = [...spaces, ...others];
    for (const a of texts) for (const b of texts) for (const t of [a + b, `\n    ${a}${b}`, `${a}  ${b}\n`]) expect(hasNonSpace(t), JSON.stringify(t)).toBe(/\S/.test(t));
  });
});
