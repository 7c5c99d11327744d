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

let prepared = false;
/**
 * Marks a few nodes of different kinds, several times, before the walks mark the page's. The engine
 * optimises a walk during a page's first scan, when the mark's store has met only unmarked text
 * nodes (each gains the property there), and throws that code away at the next scan, where the same
 * nodes come back marked (V8's --trace-deopt: "wrong map" at the mark, in each new page's first
 * "scan again"). A store that has met many kinds of node is compiled for any; V8 records what a
 * function meets only after its first calls, hence several rounds. Once per content script.
 */
export function prepareKeeping(doc: Document): void {
  if (prepared) return;
  prepared = true;
  const kinds: Node[] = [
    doc,
    doc.createElement('i'),
    doc.createElement('div'),
    doc.createElement('span'),
    doc.createTextNode(''),
    doc.createComment(''),
    doc.createDocumentFragment(),
  ];
  for (let round = 0; round < 8; round++) for (const node of kinds) keepWrapper(node);
}
