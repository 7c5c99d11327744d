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

/**
 * Whether the pattern has `^` or `$` outside a character class (relaxAnchors would change it). Asked
 * of every piece of each list the pre-check reads as labels, on a page's first scan: read without
 * writing anything out, and most pieces have neither character at all.
 */
export function hasAnchor(source: string): boolean {
  if (source.indexOf('^') < 0 && source.indexOf('$') < 0) return false;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '^' || ch === '$') return true;
  }
  return false;
}

/**
 * The pattern with each `^` and `$` (outside character classes) read at a place where a node may begin or
 * end, and without its negative lookarounds: read in the whole text, "(?![\w ]*\bsmaller\b)" after
 * "Choose Change plan" would see "to pick a smaller plan" in the next node, which the label alone does not
 * hold. Without them the pattern finds at least what it finds in each label alone.
 */
export function relaxAnchors(source: string): string {
  const relaxed = anchorsRelaxed(source);
  return relaxed === source ? source : withoutNegativeLookarounds(relaxed, source);
}

function anchorsRelaxed(source: string): string {
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

/** `relaxed` without the negative lookarounds that `source` has (the anchors' own lookarounds are kept). */
function withoutNegativeLookarounds(relaxed: string, source: string): string {
  if (!/\(\?<?!/.test(source)) return relaxed;
  const anchors = [NODE_START, NODE_END];
  let out = '';
  let inClass = false;
  for (let i = 0; i < relaxed.length; ) {
    const own = inClass ? undefined : anchors.find((a) => relaxed.startsWith(a, i));
    if (own) {
      out += own;
      i += own.length;
    } else if (!inClass && (relaxed.startsWith('(?!', i) || relaxed.startsWith('(?<!', i))) i = groupEnd(relaxed, i);
    else {
      const ch = relaxed[i];
      if (ch === '[' && !inClass) inClass = true;
      else if (ch === ']' && inClass) inClass = false;
      const step = ch === '\\' ? 2 : 1;
      out += relaxed.slice(i, i + step);
      i += step;
    }
  }
  return out;
}

/** The index after the group that opens at `open`, escapes and character classes minded. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return source.length;
}
