/**
 * CSS selectors that match exactly one element in its document; elements inside open shadow roots
 * or same-origin frames get a chain joined by " >>> " (shared/REPORT.md).
 */
import { isTag, sameOriginDocument } from './dom';
export const CHAIN = ' >>> ';

export class SelectorBuilder {
  private readonly prefixes = new Map<Element, string>();
  private readonly positions = new Map<Element, number>();

  /** `hosts` are the shadow hosts and frame elements from the top document down to `el`'s root. */
  build(el: Element, hosts: Element[]): string {
    if (hosts.length === 0) return this.local(el);
    return [...hosts, el].map((e) => this.local(e)).join(CHAIN);
  }

  private local(el: Element): string {
    const cached = this.prefixes.get(el);
    if (cached) return cached;
    const id = el.id;
    let sel: string;
    if (id && isUniqueId(el.getRootNode() as Document | ShadowRoot, id)) sel = `#${CSS.escape(id)}`;
    else {
      const parent = el.parentElement;
      const tag = el.tagName.toLowerCase();
      const part = tag === 'html' || tag === 'body' || tag === 'head' ? tag : `${tag}:nth-of-type(${this.nthOfType(el)})`;
      sel = parent ? `${this.local(parent)} > ${part}` : part;
    }
    this.prefixes.set(el, sel);
    return sel;
  }

  /** Position among same-tag siblings; one pass over a parent's children serves all of them. */
  private nthOfType(el: Element): number {
    let n = this.positions.get(el);
    if (n !== undefined) return n;
    // Counting back is cheapest near the start of a list (without asking for the list); a long one
    // is numbered once for all its children.
    const tag = el.tagName;
    n = 1;
    let back = 0;
    for (let s = el.previousElementSibling; s && back <= SHORT_LIST; s = s.previousElementSibling, back++) if (s.tagName === tag) n++;
    const siblings = back > SHORT_LIST ? el.parentNode?.children : null;
    if (!siblings) return n;
    const counts = new Map<string, number>();
    for (const s of siblings) {
      const k = (counts.get(s.tagName) ?? 0) + 1;
      counts.set(s.tagName, k);
      this.positions.set(s, k);
    }
    return this.positions.get(el) ?? 1;
  }
}

/** Elements before one that are counted back one by one. */
const SHORT_LIST = 16;

function isUniqueId(root: Document | ShadowRoot, id: string): boolean {
  return /^[A-Za-z][\w-]*$/.test(id) && root.querySelectorAll(`#${CSS.escape(id)}`).length === 1;
}

/** Resolves a selector chain back to its element (used by the popup's highlight and by tests); `rootOf` may read closed shadow roots too. */
export function resolveSelector(doc: Document, chain: string, rootOf: (host: Element) => ShadowRoot | null = (host) => host.shadowRoot): Element | null {
  let scope: Document | ShadowRoot = doc;
  let el: Element | null = null;
  for (const part of chain.split(CHAIN)) {
    if (el) {
      const inner: Document | ShadowRoot | null = rootOf(el) ?? (isTag(el, 'iframe') ? sameOriginDocument(el) : null);
      if (!inner) return null;
      scope = inner;
    }
    el = scope.querySelector(part);
    if (!el) return null;
  }
  return el;
}
