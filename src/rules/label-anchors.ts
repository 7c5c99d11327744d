/**
 * Patterns written for a label (`^cancel … pass$`) read in a page's whole text. A page's text joins
 * its nodes with newlines, which normalizing makes spaces (and drops between two Chinese
 * characters), and a control's label is a run of nodes; but `^` and `$` hold only at the ends of
 * the whole text. Read instead at every place where a node may begin or end (the text's ends, a
 * space, a Chinese character before or after), such a pattern finds every label that it would find
 * read alone, and some phrases inside sentences too: enough for the pre-check, which must not end
 * the scan of a page whose labels speak of plans.
 */

/** A node may begin here: at the start, after a space, or after a Chinese character (the joint's space compacted away). */
const NODE_START = '(?<![^ \\u3400-\\u9fff])';
/** A node may end here. */
const NODE_END = '(?![^ \\u3400-\\u9fff])';

/** Whether the pattern has `^` or `$` outside a character class. */
export function hasAnchor(source: string): boolean {
  return relaxAnchors(source) !== source;
}

/** The pattern with each `^` and `$` (outside character classes) read at a place where a node may begin or end. */
export function relaxAnchors(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '^') out += NODE_START;
    else if (ch === '$') out += NODE_END;
    else out += ch;
  }
  return out;
}
