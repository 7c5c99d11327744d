/**
 * A content script may read an element's shadow root even when the page attached it closed, which
 * `element.shadowRoot` never gives: Chromium through `chrome.dom.openOrClosedShadowRoot`, Firefox
 * through the property `element.openOrClosedShadowRoot` (a getter, not a method). The engine has no
 * extension API inside: the content script finds closed roots with this reader and hands them to the
 * scan (ScanOptions.closedRoots).
 */

/** An element's shadow root, open or (where the browser lets the content script read it) closed. */
export type RootReader = (el: Element) => ShadowRoot | null;

type ChromeDom = { openOrClosedShadowRoot?: (el: Element) => ShadowRoot | null };
type FirefoxElement = Element & { readonly openOrClosedShadowRoot?: ShadowRoot | null };

/**
 * `anyElement` false: closed roots are asked for on custom elements alone (a name with a hyphen), where
 * pages attach most of them: Chromium's call costs about 1.8 µs, some twenty times reading `shadowRoot`,
 * and the looks for late roots ask every element of the page (docs/speed-log.md, forty-fifth session).
 * true: of any element, for the few already thought to be hosts (what covered a scan's controls, the
 * hosts a selector names), since a page may attach one to a `div` or a `span`.
 */
function makeReader(anyElement: boolean): RootReader {
  const dom = (globalThis as { chrome?: { dom?: ChromeDom } }).chrome?.dom;
  const chromeRead = dom?.openOrClosedShadowRoot;
  const firefoxRead = firefoxReadsClosedRoots();
  const closed: ((el: Element) => ShadowRoot | null | undefined) | null =
    typeof chromeRead === 'function' ? (el) => chromeRead.call(dom, el) : firefoxRead ? (el) => (el as FirefoxElement).openOrClosedShadowRoot : null;
  if (!closed) return (el) => el.shadowRoot;
  if (anyElement) return (el) => el.shadowRoot ?? closedOrNull(closed, el);
  return (el) => el.shadowRoot ?? (el.localName.includes('-') ? closedOrNull(closed, el) : null);
}

/**
 * Whether elements offer Firefox's reader here: asked of an element, by name. (Read on `Element.prototype`,
 * the getter throws for want of an element, and the content script stopped at its start.)
 */
function firefoxReadsClosedRoots(): boolean {
  try {
    return typeof globalThis.document !== 'undefined' && 'openOrClosedShadowRoot' in document.createElement('span');
  } catch {
    return false;
  }
}

/** An element the browser will not answer for gives no root (a look for roots goes on past it). */
function closedOrNull(read: (el: Element) => ShadowRoot | null | undefined, el: Element): ShadowRoot | null {
  try {
    return read(el) ?? null;
  } catch {
    return null;
  }
}

/** For looks through every element of the page: closed roots of custom elements only. */
export const readShadowRoot: RootReader = makeReader(false);
/** For elements already thought to be hosts: closed roots of any element. */
export const readHostRoot: RootReader = makeReader(true);

/** A root the page attached closed: the scan finds it only when handed it. */
export function isClosed(root: ShadowRoot): boolean {
  return root.host.shadowRoot !== root;
}
