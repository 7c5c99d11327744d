/**
 * The prefilter's answer for one text (LiteralScan.present): which slots may match in it. A text marks
 * a few slots, if any, beside those that always run, so an answer is those few in a list over the
 * scan's `always`, which every answer shares; one that marks many keeps a copy of its own. (A typed
 * array per answer, even a view of a shared buffer, cost plan-50k's first scan some 90 ms of its
 * thousands of labels and rows: making typed arrays is dear in the browser. docs/speed.md)
 */
export class Presence {
  private readonly marked: number[] = [];
  private own: Uint8Array | null = null;

  constructor(private readonly always: Uint8Array) {}

  /** Whether the slot's expression may match in the text. */
  has(slot: number): boolean {
    const own = this.own;
    if (own !== null) return own[slot] === 1;
    if (this.always[slot] === 1) return true;
    const marked = this.marked;
    for (let k = 0; k < marked.length; k++) if (marked[k] === slot) return true;
    return false;
  }

  /** Marks a slot as one that may match: a fragment of it is in the text. */
  add(slot: number): void {
    if (this.has(slot)) return;
    if (this.own !== null) {
      this.own[slot] = 1;
      return;
    }
    this.marked.push(slot);
    if (this.marked.length > MARKED_IN_A_LIST) {
      const own = this.always.slice();
      for (const s of this.marked) own[s] = 1;
      this.own = own;
      // From here the table holds every mark.
      this.marked.length = 0;
    }
  }

  /** Nothing marked: the slots that always run, and no other. */
  get onlyAlways(): boolean {
    return this.own === null && this.marked.length === 0;
  }

  /** The slots that may match, in no set order. */
  slots(): number[] {
    const all = this.own ?? this.always;
    const out: number[] = [];
    for (let i = all.indexOf(1); i !== -1; i = all.indexOf(1, i + 1)) out.push(i);
    out.push(...this.marked);
    return out;
  }

  /** 1 or 0 for each slot in turn, as a table of the answer would hold them. */
  *[Symbol.iterator](): Iterator<number> {
    for (let slot = 0; slot < this.always.length; slot++) yield this.has(slot) ? 1 : 0;
  }
}

/** Beyond this many marks an answer keeps a table of its own: a page's long text marks hundreds, and is asked of every slot. */
const MARKED_IN_A_LIST = 24;
