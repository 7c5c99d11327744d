/**
 * Open shadow roots attached after the page's first scan ("attachShadow" 300 ms after load, a dialog
 * drawn into it): attaching one changes nothing a MutationObserver sees, and a content script cannot
 * hear the page's own calls. So a page about plans is looked at again for new roots a little later.
 */
export const LATE_SHADOW_CHECKS_MS = [1200, 3500];

/** The open shadow roots of the document's elements that `known` does not hold yet. */
export function newShadowRoots(doc: Document, known: (root: ShadowRoot) => boolean): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const all = doc.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const root = all[i].shadowRoot;
    // The extension's own overlay (src/content/highlight.ts) is no part of the page.
    if (root && !known(root) && !all[i].closest('[data-fair-exit]')) found.push(root);
  }
  return found;
}
