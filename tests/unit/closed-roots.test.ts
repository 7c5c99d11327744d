/** src/content/closed-roots.ts: which shadow roots the content script reads, with the browser's API stubbed. */
import { afterEach, expect, it, vi } from 'vitest';

type Reader = (el: Element) => ShadowRoot | null;

/** The module as a content script in Chromium loads it, with `chrome.dom.openOrClosedShadowRoot` as given. */
async function readerWith(openOrClosedShadowRoot: (el: Element) => ShadowRoot | null): Promise<Reader> {
  vi.resetModules();
  vi.stubGlobal('chrome', { dom: { openOrClosedShadowRoot } });
  return (await import('../../src/content/closed-roots')).readShadowRoot;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

it('reads an open root itself, and asks the browser for a closed one on custom elements alone', async () => {
  document.body.innerHTML = '<div id="open"></div><retention-sheet id="custom"></retention-sheet><div id="plain"></div>';
  const open = document.getElementById('open')!.attachShadow({ mode: 'open' });
  const closed = document.getElementById('custom')!.attachShadow({ mode: 'closed' });
  const hidden = document.getElementById('plain')!.attachShadow({ mode: 'closed' });
  const asked: string[] = [];
  const read = await readerWith((el) => {
    asked.push(el.id);
    return el.id === 'custom' ? closed : el.id === 'plain' ? hidden : null;
  });
  expect(read(document.getElementById('open')!)).toBe(open);
  expect(read(document.getElementById('custom')!)).toBe(closed);
  // A closed root on a built-in element is not asked for (the look for roots asks every element).
  expect(read(document.getElementById('plain')!)).toBeNull();
  expect(read(document.body)).toBeNull();
  expect(asked).toEqual(['custom']);
  // Of an element already thought to be a host (what covered a control, a host a selector names), any element is asked.
  const { readHostRoot } = await import('../../src/content/closed-roots');
  expect(readHostRoot(document.getElementById('plain')!)).toBe(hidden);
  expect(readHostRoot(document.getElementById('open')!)).toBe(open);
});

it('gives no root for an element the browser will not answer for', async () => {
  document.body.innerHTML = '<retention-sheet id="custom"></retention-sheet>';
  const read = await readerWith(() => {
    throw new Error('not an element of this page');
  });
  expect(read(document.getElementById('custom')!)).toBeNull();
});

it('reads open roots alone where the browser offers no way to read closed ones', async () => {
  vi.resetModules();
  const { readShadowRoot, isClosed } = await import('../../src/content/closed-roots');
  document.body.innerHTML = '<retention-sheet id="custom"></retention-sheet><div id="open"></div>';
  const closed = document.getElementById('custom')!.attachShadow({ mode: 'closed' });
  const open = document.getElementById('open')!.attachShadow({ mode: 'open' });
  expect(readShadowRoot(document.getElementById('custom')!)).toBeNull();
  expect(readShadowRoot(document.getElementById('open')!)).toBe(open);
  expect([isClosed(closed), isClosed(open)]).toEqual([true, false]);
});

it("reads closed roots through Firefox's property, which throws when read off an element", async () => {
  document.body.innerHTML = '<retention-sheet id="custom"></retention-sheet><div id="plain"></div>';
  const closed = document.getElementById('custom')!.attachShadow({ mode: 'closed' });
  const hidden = document.getElementById('plain')!.attachShadow({ mode: 'closed' });
  const roots = new Map<Element, ShadowRoot>([
    [document.getElementById('custom')!, closed],
    [document.getElementById('plain')!, hidden],
  ]);
  // As Firefox gives it to content scripts: a getter of elements (read on Element.prototype, it throws).
  Object.defineProperty(Element.prototype, 'openOrClosedShadowRoot', {
    configurable: true,
    get(this: unknown) {
      if (!(this instanceof Element) || this === Element.prototype)
        throw new TypeError("'get openOrClosedShadowRoot' called on an object that does not implement interface Element.");
      return roots.get(this) ?? null;
    },
  });
  try {
    vi.resetModules();
    const { readShadowRoot } = await import('../../src/content/closed-roots');
    expect(readShadowRoot(document.getElementById('custom')!)).toBe(closed);
    expect(readShadowRoot(document.getElementById('plain')!)).toBeNull();
  } finally {
    delete (Element.prototype as { openOrClosedShadowRoot?: unknown }).openOrClosedShadowRoot;
  }
});
