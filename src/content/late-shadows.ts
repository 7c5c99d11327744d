/**
 * Open shadow roots attached after the page's first scan ("attachShadow" 300 ms after load, a dialog
 * drawn into it): attaching one changes nothing a MutationObserver sees, and a content script cannot
 * hear the page's own calls. So a page about plans is looked at again for new roots a little later.
 */
import { yieldToPage } from '../engine/scan-timing';
import { readShadowRoot, type RootReader } from './closed-roots';

export const LATE_SHADOW_CHECKS_MS = [1200, 3500];

/**
 * Elements asked for their shadow root between two yields to the page: asking every element of a
 * page of 45,000 at once took a task of 20 ms (the bench's plan-50k, Chromium's trace).
 */
const ELEMENTS_PER_TASK = 4096;

/**
 * The shadow roots in the page that `known` does not hold yet (open ones, and closed ones where this script
 * may read them): of the document's elements, and of the elements inside every root met, known or new, so
 * that a root attached late to a component inside another component's root is found too.
 */
export async function newShadowRoots(
  doc: Document,
  known: (root: ShadowRoot) => boolean,
  pause: () => Promise<void> = yieldToPage,
  read: RootReader = readShadowRoot,
): Promise<ShadowRoot[]> {
  const found: ShadowRoot[] = [];
  const trees: (Document | ShadowRoot)[] = [doc];
  let asked = 0;
  for (let t = 0; t < trees.length; t++) {
    // A list that stays as it is while the page runs between the pieces.
    const all = trees[t].querySelectorAll('*');
    for (let i = 0; i < all.length; i++) {
      if (++asked % ELEMENTS_PER_TASK === 0) await pause();
      const root = read(all[i]);
      // The extension's own overlay (src/content/highlight.ts) is no part of the page.
      if (!root || all[i].closest('[data-fair-exit]')) continue;
      if (!known(root)) found.push(root);
      trees.push(root);
    }
  }
  return found;
}

/** How long after the user's last click to look for new roots: a dialog opens within a moment of the click that opens it. */
export const AFTER_CLICK_MS = 600;

/**
 * Calls `look` once the user has stopped clicking for `delayMs`: a click can open a dialog drawn into a
 * shadow root attached only then ("Cancel" → a retention dialog), which no observer sees, long after
 * the checks that follow the first scan. Returns the function that stops listening.
 */
export function lookAfterClicks(doc: Document, look: () => void, delayMs = AFTER_CLICK_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onClick = () => {
    clearTimeout(timer);
    timer = setTimeout(look, delayMs);
  };
  doc.addEventListener('click', onClick, { capture: true, passive: true });
  return () => {
    clearTimeout(timer);
    doc.removeEventListener('click', onClick, { capture: true });
  };
}
