/**
 * The pre-check's first look: which word lists can the page's text hold at all? The text is
 * read in long pieces (the text between two elements some hundreds of elements apart, one
 * `Range.toString()` each) instead of node by node, and compared squeezed of its spaces
 * (Lexicon.squeezedLook), which can only err towards "maybe"; where it cannot decide, the pre-check
 * reads the page node by node as before (precheck.ts). "read" is given only where the look saw all
 * the walk would read, as the walk would read it:
 *
 * - It reads at least as far as the walk does (page-text.ts, up to `cap` characters of text nodes
 *   that are not all spaces): it stops once it has read `cap` characters that are not spaces.
 * - The walk's text is its nodes joined by newlines; a piece joins them with nothing. Squeezed,
 *   both are the same characters, provided each piece normalises character by character: a piece
 *   with a combining mark, a conjoining jamo or a capital sigma (which NFKC or lower-casing reads
 *   with its neighbour) is "unsure".
 * - Text in script and style is cut out of the pieces (an element of these with elements inside:
 *   "unsure"). A shadow host or a frame met is "unsure": the walk reads their text on.
 */
import { isAscii, squeezeText } from '../rules/normalize';
import { skippedElementsIn } from './page-text';
import { keepWrapper, prepareKeeping } from './kept-wrappers';
import type { Steps } from './scan-timing';

/** Characters that NFKC or lower-casing read together with the character before or after. */
const CONTEXTUAL = /[\p{M}\u03a3\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\ud7b0-\ud7ff\uff9e\uff9f\uffa0-\uffdc]/u;
/** Elements per piece: small first (a page about plans says so early), then larger. */
const FIRST_PIECE = 64;
const LARGEST_PIECE = 512;

/** read: the text as far as the walk reads it went into the look; unsure: the walk must read it. */
export type FirstLook = 'read' | 'unsure';

type Piece = { squeezed: string; chars: number; contextual: boolean };
/** Squeezed pieces by their text: a page read again unchanged gives the same pieces. */
const known = new Map<string, Piece>();
let knownChars = 0;
const KNOWN_CHARS = 400_000;

function pieceOf(raw: string): Piece {
  let piece = known.get(raw);
  if (!piece) {
    const squeezed = squeezeText(raw);
    // Squeezed, an ASCII text keeps exactly its characters that are not spaces (lower-casing keeps its length).
    piece = { squeezed, chars: isAscii(raw) ? squeezed.length : nonSpaceChars(raw), contextual: CONTEXTUAL.test(raw) };
    if (knownChars + raw.length > KNOWN_CHARS) {
      known.clear();
      knownChars = 0;
    }
    known.set(raw, piece);
    knownChars += raw.length;
  }
  return piece;
}

/**
 * Characters that /\s/ does not match: the browser's own replace drops them (a loop over a piece's
 * characters ran cold on a page's first look, 5 ms of an article's first scan in the profile).
 */
function nonSpaceChars(t: string): number {
  return t.replace(SPACES, '').length;
}
const SPACES = /\s+/g;

/**
 * Gives the page's text, squeezed, to `look` piece by piece, until `cap` characters or the end; stops
 * as soon as `hopeless()` says the look cannot end the pre-check.
 */
export function* firstLookSteps(doc: Document, look: { add(piece: string): void }, hopeless: () => boolean, cap = 100_000): Steps<FirstLook> {
  const body = doc.body;
  // The walk reads from documentElement without a body, and XML documents may hold CDATA, which a range reads and the walk does not.
  if (!body || doc.contentType !== 'text/html' || body.shadowRoot) return 'unsure';
  look.add(`${squeezeText(doc.title)}|`);
  if (hopeless()) return 'unsure';
  const framesIn = doc.getElementsByTagName('iframe').length !== 0;
  const skipped = new Set(skippedElementsIn(body));
  // The look's walk marks the page's nodes first on most pages: the mark's store meets many kinds before.
  prepareKeeping(doc);
  const reader = new PieceReader(doc, body, look, hopeless, framesIn, skipped, cap);
  for (;;) {
    const outcome = reader.readPiece();
    if (outcome !== 'more') return outcome;
    yield;
  }
}

/**
 * The look's walk, a piece at a time. A plain method and not the generator's loop: the engine
 * optimises a long loop in a plain function while it runs (on-stack replacement), and a loop inside
 * a generator only on a later call, so a page's first scans ran it unoptimised (measured in the
 * bench: the first rescans of article-50k 4-6.6 ms of CPU, the later ones 2.8).
 */
class PieceReader {
  private readonly walker: TreeWalker;
  private readonly range: Range;
  private chars = 0;
  private size = FIRST_PIECE;
  private count = 0;

  constructor(
    doc: Document,
    private readonly body: HTMLElement,
    private readonly look: { add(piece: string): void },
    private readonly hopeless: () => boolean,
    private readonly framesIn: boolean,
    private readonly skipped: Set<Element>,
    private readonly cap: number,
  ) {
    this.walker = doc.createTreeWalker(body, NodeFilter.SHOW_ELEMENT);
    this.range = doc.createRange();
    this.range.setStart(body, 0);
  }

  /** Adds the text read up to here; true when the look cannot say "clear". */
  private take(): boolean {
    const piece = pieceOf(this.range.toString());
    this.chars += piece.chars;
    if (piece.contextual) return true;
    this.look.add(piece.squeezed);
    return this.hopeless();
  }

  /** Reads on to the end of the next piece: 'more' when there is more to read. */
  readPiece(): FirstLook | 'more' {
    const { walker, range, skipped, framesIn } = this;
    for (let n = walker.nextNode() as Element | null; n; n = walker.nextNode() as Element | null) {
      // Every scan of the page walks them again.
      keepWrapper(n);
      if (n.shadowRoot || (framesIn && n.localName === 'iframe')) return 'unsure';
      if (++this.count >= this.size) {
        range.setEndBefore(n);
        if (this.take()) return 'unsure';
        if (this.chars >= this.cap) return 'read';
        range.setStartBefore(n);
        this.count = 0;
        this.size = Math.min(this.size * 2, LARGEST_PIECE);
        return 'more';
      }
      if (skipped.size !== 0 && skipped.has(n)) {
        if (n.firstElementChild) return 'unsure';
        range.setEndBefore(n);
        if (this.take()) return 'unsure';
        range.setStartAfter(n);
      }
    }
    range.setEnd(this.body, this.body.childNodes.length);
    return this.take() ? 'unsure' : 'read';
  }
}
