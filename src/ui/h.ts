/**
 * A tiny element builder for the popup. Page text only ever enters the DOM as text nodes or
 * attribute values: there is no way to pass HTML through here, and nothing in src/ui uses innerHTML.
 */
export type Child = Node | string | number | null | undefined | false | Child[];
export type Props = {
  /** Attributes, set with setAttribute (values are plain strings, never parsed as markup). */
  [attr: string]: string | number | boolean | null | undefined | ((e: Event) => void) | Record<string, string>;
};

export type H = <K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]) => HTMLElementTagNameMap[K];

/** Binds the builder to a document (the popup's, or a test's). */
export function bindH(doc: Document): H {
  return (tag, props, ...children) => {
    const el = doc.createElement(tag);
    for (const [name, value] of Object.entries(props ?? {})) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === 'function') {
        if (!name.startsWith('on')) throw new Error(`event handler props start with "on": ${name}`);
        el.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
      } else if (name === 'style' && typeof value === 'object') {
        for (const [p, v] of Object.entries(value)) el.style.setProperty(p, v);
      } else if (typeof value === 'object') {
        throw new Error(`attribute ${name} must be a string`);
      } else el.setAttribute(name, value === true ? '' : String(value));
    }
    append(doc, el, children);
    return el;
  };
}

function append(doc: Document, parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(doc, parent, c);
    else if (typeof c === 'string' || typeof c === 'number') parent.appendChild(doc.createTextNode(String(c)));
    else parent.appendChild(c);
  }
}
