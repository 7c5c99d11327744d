/**
 * A node's wrapper (the object that stands for it in the content script's world) is made the first
 * time the script touches the node. In an isolated world, V8's young-generation collector drops a
 * wrapper as soon as nothing holds it and it is still as the browser made it, and the next scan makes
 * it again: about 250 ns a node, most of a walk of the page's text (news-10k: 6-7 ms for its texts
 * after a scavenge, 2 ms when their wrappers were still there; docs/speed.md). A property set on the
 * wrapper makes it the script's own, which the collector keeps for as long as the node lives and
 * frees with it. Its price is the wrappers' memory (news-10k's heap 4.87 → 5.32 MB with the pre-check's
 * nodes kept); the page never sees the property (its world has wrappers of its own).
 */
const KEPT = Symbol('fair-exit kept');

export function keepWrapper(node: Node): void {
  (node as unknown as Record<symbol, true>)[KEPT] = true;
}
