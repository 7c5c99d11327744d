/** A control's accessible name, simplified from the accname algorithm; page text is only read. */
import { isTag } from './dom';
import { foldWhitespace } from './page-text';
const MAX_NAME = 300;

function clean(s: string | null | undefined): string {
  return foldWhitespace(s ?? '').trim();
}

function textOf(el: Element): string {
  // firstElementChild, not children.length: no collection is made for the element.
  if (el.firstElementChild === null) return clean(el.textContent);
  let out = '';
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n && out.length < MAX_NAME * 2; n = walker.nextNode()) {
    if (n.nodeType === 3) out += n.textContent;
    else if (isTag(n, 'img') && n.alt) out += ` ${n.alt} `;
    else if (n.nodeType === 1 && /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/.test((n as Element).tagName)) {
      // Skip the subtree: script text is never a label.
      let last: Node = n;
      while (last.lastChild) last = last.lastChild;
      walker.currentNode = last;
    }
  }
  return clean(out);
}

export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = el.getRootNode() as Document | ShadowRoot;
    const text = labelledBy
      .split(/\s+/)
      .map((id) => root.getElementById?.(id) ?? el.ownerDocument.getElementById(id))
      .map((e) => (e ? textOf(e) : ''))
      .join(' ');
    if (clean(text)) return cap(text);
  }
  const aria = clean(el.getAttribute('aria-label'));
  if (aria) return cap(aria);
  if (isTag(el, 'input')) {
    if (['submit', 'button', 'reset'].includes(el.type)) return cap(el.value || (el.type === 'submit' ? 'Submit' : ''));
    if (el.type === 'image') return cap(el.alt || el.value);
    const labels = Array.from(el.labels ?? [])
      .map(textOf)
      .join(' ');
    if (clean(labels)) return cap(labels);
    return cap(rowText(el));
  }
  const text = textOf(el);
  if (text) return cap(text);
  if (['switch', 'checkbox'].includes(el.getAttribute('role') ?? '')) return cap(rowText(el));
  return cap(clean(el.getAttribute('title')));
}

/**
 * The first line of a control that sets a note under its name ("升級全台通用黑卡會籍<small>32 間分館任你去</small>",
 * "Upgrade<br>2× storage"): its own text before its first child of LINE_BREAKS (known by tag alone: no
 * style is read). Empty when it has no such child, or the note comes first.
 */
export function leadLine(el: Element): string {
  let out = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && LINE_BREAKS.has((n as Element).localName)) return n === el.firstChild ? '' : cap(out);
    if (n.nodeType === 3 || n.nodeType === 1) out += n.textContent ?? '';
  }
  return '';
}
const LINE_BREAKS = new Set(['br', 'small', 'div', 'p']);

/** A settings switch is often named only by the text beside it in its row. */
function rowText(el: Element): string {
  const row = el.parentElement;
  const text = row ? textOf(row) : '';
  return text.length <= 80 ? text : '';
}

function cap(s: string): string {
  const c = clean(s);
  return c.length > MAX_NAME ? `${c.slice(0, MAX_NAME)}…` : c;
}
