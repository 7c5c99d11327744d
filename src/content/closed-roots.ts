/**
 * A content script may read an element's shadow root even when the page attached it closed, which
 * `element.shadowRoot` never gives: Chromium through `chrome.dom.openOrClosedShadowRoot`, Firefox
 * through `element.openOrClosedShadowRoot()`. The engine has no extension API inside: the content
 * script finds closed roots with this reader and hands them to the scan (ScanOptions.closedRoots).
 */

/** An element's shadow root, open or (where the browser lets the content script read it) closed. */
export type RootReader = (el: Element) => ShadowRoot | null;

type ChromeDom = { openOrClosedShadowRoot?: (el: Element) => ShadowRoot | null };
type FirefoxElement = Element & { openOrClosedShadowRoot?: () => ShadowRoot | null };

/**
 * Closed roots are asked for on custom elements alone (a name with a hyphen), where pages attach them:
 * Chromium's call costs about 1.8 µs, some twenty times reading `shadowRoot`, and the looks for late
 * roots ask every element of the page (docs/speed-log.md, forty-fifth session).
 */
function makeReader(): RootReader {
  const dom = (globalThis as { chrome?: { dom?: ChromeDom } }).chrome?.dom;
  const chromeRead = dom?.openOrClosedShadowRoot;
  if (typeof chromeRead === 'function') return (el) => el.shadowRoot ?? (el.localName.includes('-') ? (chromeRead.call(dom, el) ?? null) : null);
  if (typeof (Element.prototype as FirefoxElement).openOrClosedShadowRoot === 'function')
    return (el) => el.shadowRoot ?? (el.localName.includes('-') ? ((el as FirefoxElement).openOrClosedShadowRoot?.() ?? null) : null);
  return (el) => el.shadowRoot;
}

export const readShadowRoot: RootReader = makeReader();

/** A root the page attached closed: the scan finds it only when handed it. */
export function isClosed(root: ShadowRoot): boolean {
  return root.host.shadowRoot !== root;
}
