/**
 * Type guards that work across frames: `instanceof HTMLInputElement` is false for an element of a
 * same-origin iframe, whose constructors belong to another window.
 */
export const isDocument = (n: Node): n is Document => n.nodeType === 9;
export const isShadowRoot = (n: Node): n is ShadowRoot => n.nodeType === 11 && 'host' in n && !!(n as ShadowRoot).host;
export const isTag = <T extends keyof HTMLElementTagNameMap>(n: Node | null, tag: T): n is HTMLElementTagNameMap[T] => !!n && n.nodeType === 1 && (n as Element).localName === tag;

/** A frame's document when the page may read it (same origin), else null (reading a cross-origin one throws in some browsers). */
export function sameOriginDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}
