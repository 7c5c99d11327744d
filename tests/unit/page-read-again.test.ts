/**
 * A page read again unchanged is given the strings the last read made (page-text.ts joinedAgain, the
 * joined text; precheck.ts titled, the pre-check's text with the title), which the lexicon finds its
 * answers by at once. That a string is the same one cannot be seen from a test; what can is the
 * other side: any difference, at any place, must give the new text.
 */
import { describe, expect, it } from 'vitest';
import { joinText, pageReadSteps, PAGE_TEXT } from '../../src/engine/page-text';
import { precheckSteps } from '../../src/engine/precheck';
import { runAtOnce } from '../../src/engine/scan-timing';
import { bundledLexicon } from '../../src/rules/word-lists';

const rows = (n: number, word = 'row') => Array.from({ length: n }, (_, i) => `<p>${word} ${i}</p>`).join('');

function read(doc: Document, cap = PAGE_TEXT): string {
  return runAtOnce(pageReadSteps(doc, cap)).text;
}

/** What the walk gives read by hand: every text that is not blank, joined. */
function expected(doc: Document): string {
  return joinText(Array.from(doc.body.querySelectorAll('p'), (p) => p.textContent ?? ''));
}

describe('a page read again', () => {
  it('unchanged, gives the same text', () => {
    document.body.innerHTML = rows(3000);
    const first = read(document);
    expect(first).toBe(expected(document));
    expect(read(document)).toBe(first);
  });

  it('gives the new text after an edit anywhere, a text added or a text removed', () => {
    document.body.innerHTML = rows(3000);
    read(document);
    const ps = document.body.querySelectorAll('p');
    // First, in the middle (past the walk's first step of 1,024 nodes) and last.
    for (const i of [0, 1500, 2999]) {
      const was = ps[i].firstChild!.nodeValue!;
      ps[i].firstChild!.nodeValue = was.replace('row', 'ROW');
      expect(read(document)).toBe(expected(document));
      ps[i].firstChild!.nodeValue = was;
      expect(read(document)).toBe(expected(document));
    }
    const extra = document.createElement('p');
    extra.textContent = 'one more';
    document.body.append(extra);
    expect(read(document)).toBe(expected(document));
    extra.remove();
    expect(read(document)).toBe(expected(document));
    ps[2999].remove();
    expect(read(document)).toBe(expected(document));
  });

  it('gives its own text when it reads fewer texts than the last read (a smaller cap)', () => {
    document.body.innerHTML = rows(3000);
    const whole = read(document);
    const part = read(document, 100);
    expect(part.length).toBeLessThan(whole.length);
    expect(whole.startsWith(part)).toBe(true);
    expect(read(document)).toBe(whole);
  });

  it('of another document with the same first texts, gives that document’s text', () => {
    document.body.innerHTML = rows(2000);
    read(document);
    const other = document.implementation.createHTMLDocument('other');
    other.body.innerHTML = rows(2000) + rows(5, 'more');
    expect(read(other)).toBe(expected(other));
  });
});

describe('the pre-check read again', () => {
  const precheckText = () => runAtOnce(precheckSteps(document, bundledLexicon(), false)).text;

  it('gives the same text for the same title and text, and the new one when either changes', () => {
    document.title = 'Account';
    document.body.innerHTML = `<p>Your plan renews on 1 May. You can cancel at any time.</p>${rows(3000)}`;
    const first = precheckText();
    expect(first.startsWith('Account | Your plan renews')).toBe(true);
    expect(precheckText()).toBe(first);
    document.title = 'Billing';
    expect(precheckText().startsWith('Billing | Your plan renews')).toBe(true);
    document.body.querySelector('p')!.textContent = 'Your plan ended.';
    expect(precheckText().startsWith('Billing | Your plan ended.')).toBe(true);
  });
});
