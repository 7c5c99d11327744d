/**
 * Build side (never bundled): a Vite plugin that writes the bundle's long strings back as
 * double-quoted literals. The minifier writes a string that holds both kinds of quote (the word
 * data: JSON, with apostrophes in its phrases) as a template literal, which needs no escapes; but
 * V8 reads a template literal several times slower than a quoted string, and a content script is
 * compiled anew on every page (Chromium keeps no code cache for it). The content script's half
 * megabyte of word data took 33-38 ms of compiling as template literals, 25-26 ms quoted
 * (docs/speed-log.md, twenty-fourth session).
 */
import type { Plugin } from 'vite';

/** Shorter strings are left as the minifier wrote them: their reading costs nothing worth a change. */
export const LONG_STRING = 2000;

type Node = { type: string; start: number; end: number; [key: string]: unknown };
type Template = Node & { expressions: unknown[]; quasis: { value: { cooked: string | null } }[] };

/** Where `code` holds a template literal without substitutions of at least `min` characters, and its value. */
export function longTemplates(program: Node, min = LONG_STRING): { start: number; end: number; value: string }[] {
  const found: { start: number; end: number; value: string }[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object' || typeof (n as Node).type !== 'string') return;
    const node = n as Node;
    // A tagged template's strings are its tag's arguments, raw text included: left as they are.
    if (node.type === 'TaggedTemplateExpression') return;
    if (node.type === 'TemplateLiteral') {
      const t = node as Template;
      const value = t.quasis[0]?.value.cooked;
      if (t.expressions.length === 0 && typeof value === 'string' && value.length >= min) found.push({ start: t.start, end: t.end, value });
      return;
    }
    for (const key in node) if (key !== 'type' && key !== 'start' && key !== 'end') visit(node[key]);
  };
  visit(program);
  return found;
}

/** `code` with each of `spans` replaced by its value as a JSON string literal (which is a JavaScript one). */
export function quoted(code: string, spans: { start: number; end: number; value: string }[]): string {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    out += code.slice(at, s.start) + JSON.stringify(s.value);
    at = s.end;
  }
  return out + code.slice(at);
}

export function quotedStrings(): Plugin {
  return {
    name: 'fair-exit:quoted-strings',
    apply: 'build',
    // After the minifier, which is what writes them as templates.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const spans = longTemplates(this.parse(chunk.code) as unknown as Node);
        if (spans.length) chunk.code = quoted(chunk.code, spans);
      }
    },
  };
}
