/**
 * A node's wrapper (the object that stands for it in the content script's world) is made the first
 * time the script touches the node, and V8's young-generation collector drops it as soon as nothing
 * holds it and it is as the browser made it: the next scan makes it again (about 250 ns a node,
 * most of a walk of the page's text). A property set on the wrapper makes it the script's own, which
 * the collector keeps for as long as the node lives: the page's nodes are then touched at the cost
 * of a look-up. Its price is the wrappers' memory (some 50 bytes a node), freed with the nodes.
 */
const KEPT = Symbol('fair-exit kept');

export function keepWrapper(node: Node): void {
  (node as unknown as Record<symbol, true>)[KEPT] = true;
}
