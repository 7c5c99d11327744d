/**
 * Sentence rules (forced-contact, restricted-window, delayed-effect, loss-framing, upgrade-pressure):
 * a phrase in one sentence of interface text, never in prose that merely quotes it. One finding per
 * screen (the page or a dialog) lists every sentence found there.
 */
import type { MeasuredControl, Snapshot, TextBlock } from '../../engine/types';
import type { Check } from '../rule-schema';
import type { CheckInput, CheckResult } from '../check-types';
import type { Lexicon, PhraseMatch } from '../lexicon';
import { compact, normalizeText } from '../normalize';
import { isExit, isExitPath, quote } from './shared';
import { withoutQuotations } from '../../engine/quotation';
import type { Steps } from '../../engine/scan-timing';

type SentenceCheck = Extract<Check, { kind: 'sentence' }>;
type Hit = { sentence: string; phrase: string; list: string; block: TextBlock; context: MeasuredControl[] };

/** Blocks read between two yields: a page's blocks are read in a sliced scan's steps (scan-timing.ts). */
const BLOCK_STEP = 64;

export function* sentence({ snapshot, check, lexicon }: CheckInput<SentenceCheck>): Steps<CheckResult[]> {
  const byId = new Map(snapshot.controls.map((c) => [c.id, c]));
  // A sentence beside a control may leave its subject to the control: "支付成功后立即生效" next to
  // "升级至星钻会员" says the upgrade applies at once. Such a sentence is also read after the label.
  const withLabels = (b: TextBlock, s: string) => [s, ...b.nearControls.map((id) => byId.get(id)).filter((c) => c && c.role === 'upgrade').map((c) => `${c!.text}，${s}`)];
  let confirmed = !check.confirmedBy;
  let count = 0;
  for (const b of check.confirmedBy ? snapshot.blocks : []) {
    if (++count % BLOCK_STEP === 0) yield;
    if (!statedTerms(snapshot, b) || !splitSentences(withoutQuotations(b.text)).some((s) => withLabels(b, s).some((t) => lexicon.has(check.confirmedBy!, t)))) continue;
    confirmed = true;
    break;
  }
  const hitsByScreen = new Map<string, Hit[]>();
  const seen = new Set<string>();
  let previous: TextBlock | null = null;
  for (const block of snapshot.blocks) {
    if (++count % BLOCK_STEP === 0) yield;
    const before = previous;
    previous = block;
    if (!statedTerms(snapshot, block)) continue;
    const near = block.nearControls.map((id) => byId.get(id)).filter((c): c is MeasuredControl => !!c);
    const screenControls = block.screen === 'page' ? [] : snapshot.controls.filter((c) => c.screen === block.screen);
    const context = [...new Set([...near, ...screenControls])];
    if (check.nearRoles && !context.some((c) => check.nearRoles!.includes(c.role as never))) continue;
    if (check.exitContext && !exitContext(block, context, lexicon, snapshot.pageKind === 'checkout' && block.screen === 'page')) continue;
    for (const s of blockReadings(lexicon, block, before, near)) {
      if (seen.has(s)) continue;
      const key = check.lists.find((k) => lexicon.has(k, s));
      if (!key || check.unless?.some((k) => lexicon.affirms(k, s))) continue;
      if (check.unlessExitNames && exitNamesAll(lexicon.findAll(check.unlessExitNames, s), near)) continue;
      seen.add(s);
      const hits = hitsByScreen.get(block.screen) ?? [];
      hits.push({ sentence: s, phrase: lexicon.find(key, s)!.text, list: key, block, context });
      hitsByScreen.set(block.screen, hits);
    }
  }
  const results: CheckResult[] = [];
  for (const [screen, hits] of hitsByScreen) {
    const inDialog = screen !== 'page';
    const controls = [...new Set(hits.flatMap((h) => h.context.map((c) => c.id)))];
    const clear = (snapshot.subscriptionPage || inDialog) && confirmed;
    results.push({
      verdict: clear ? 'violation' : 'needs-review',
      controls: controls.slice(0, 8),
      evidence: {
        sentence: hits[0].sentence,
        sentences: hits.map((h) => ({ sentence: h.sentence, phrase: h.phrase, list: h.list, selector: h.block.selector })),
        phrase: hits[0].phrase,
        screen,
        inDialog,
        controls: hits[0].context.slice(0, 6).map((c) => ({ id: c.id, role: c.role, text: quote(c.text, 60) })),
        ...(check.confirmedBy ? { confirmedBy: confirmed ? check.confirmedBy : null } : {}),
      },
      vars: { sentence: quote(hits[0].sentence, 140) },
    });
  }
  return results;
}

/** Whether the phrases found are there and each is named by the label of an exit among the controls. */
function exitNamesAll(found: PhraseMatch[], controls: MeasuredControl[]): boolean {
  const labels = controls.filter(isExit).map((c) => compact(normalizeText(c.text)));
  return found.length > 0 && found.every((f) => labels.some((l) => l.includes(f.text)));
}

/** Interface text: not prose, visible (or in a dialog), and tied to plan controls or a plan page. */
export function interfaceBlock(snapshot: Snapshot, b: TextBlock): boolean {
  if (b.prose || !b.visible) return false;
  return b.inDialog || b.nearControls.length > 0 || snapshot.subscriptionPage;
}

/**
 * What the sentence rules read: interface text, and on a subscription page also the terms it keeps
 * in a closed section ("会员说明" under a collapsed menu): a click shows them, and they are still the
 * service's own terms.
 */
function statedTerms(snapshot: Snapshot, b: TextBlock): boolean {
  return interfaceBlock(snapshot, b) || (b.collapsed && !b.prose && snapshot.subscriptionPage);
}

/**
 * Whether a block is on the way out: an exit, a way to stay or a shaming decline beside it, or words of
 * leaving in it. On a checkout's own page (the way in) words of leaving are renewal terms ("until you
 * cancel"), not a step of leaving: there only the controls count.
 */
function exitContext(block: TextBlock, context: MeasuredControl[], lexicon: Lexicon, wayIn: boolean): boolean {
  if (context.some((c) => isExitPath(c) || c.role === 'retain')) return true;
  return !wayIn && lexicon.has('exitTopic', block.text);
}

/**
 * The sentences of a block, and each short question read together with the sentence that answers it:
 * "Want to downgrade? Call us on 0800…" / "想降级?请联系您的专属顾问" says what neither half says alone.
 * A sentence that points back ("Such requests…", 申請核准後…) is read together with the one before it.
 */
export function readings(text: string, lexicon?: Lexicon): string[] {
  const sentences = splitSentences(withoutQuotations(text));
  const out = [...sentences];
  for (let i = 0; i + 1 < sentences.length; i++) {
    const question = /[?\uff1f]$/u.test(sentences[i]) && sentences[i].length <= 60;
    if (question) out.push(`${sentences[i]} ${sentences[i + 1]}`);
    else if (lexicon?.pointsBack(sentences[i + 1])) {
      // The sentence before, whole: its halves split at a semicolon are one sentence.
      // A sentence before that points back itself ("They cannot be made online.") leans on its own predecessor.
      let from = i;
      while (from > 0 && (/[;；]$/u.test(sentences[from - 1]) || (from === i && lexicon.pointsBack(sentences[from])))) from--;
      out.push(sentences.slice(from, i + 2).join(' '));
      // The subject may stand a sentence further back, a step between ("…cannot be made online. Please call
      // your club. Requests are only accepted…"): the lexicon decides whether the step lets it through.
      if (from > 0) out.push(sentences.slice(from - 1, i + 2).join(' '));
      // A block that opens with a heading ("About cancelling or changing to a lower tier: …") names the
      // topic of everything it says: a sentence pointing back may take its subject from there too.
      if (from > 0 && HEADING.test(sentences[0])) out.push(`${sentences[0]} ${sentences[i + 1]}`);
    }
  }
  return out;
}
/**
 * A paragraph that opens by pointing back ("Such requests are only accepted…") read after the last
 * sentence of the paragraph before it, when both sit in one container.
 */
function readingAcross(before: TextBlock | null, block: TextBlock, lexicon: Lexicon): string[] {
  if (!before || before.element.parentElement !== block.element.parentElement) return [];
  const first = splitSentences(withoutQuotations(block.text))[0];
  if (!first || !lexicon.pointsBack(first)) return [];
  const sentences = splitSentences(withoutQuotations(before.text));
  // A last sentence that points back itself ("They cannot be made online.") leans on the one before.
  const from = sentences.length > 1 && lexicon.pointsBack(sentences.at(-1)!) ? -2 : -1;
  return sentences.length ? [[...sentences.slice(from), first].join(' ')] : [];
}

/** A block's readings, worked out once per scan for the five sentence rules (each reads every block). */
const readingsKept = new WeakMap<Lexicon, WeakMap<TextBlock, string[]>>();

function blockReadings(lexicon: Lexicon, block: TextBlock, before: TextBlock | null, near: MeasuredControl[]): string[] {
  let kept = readingsKept.get(lexicon);
  if (!kept) readingsKept.set(lexicon, (kept = new WeakMap()));
  let out = kept.get(block);
  if (!out) {
    const own = readings(block.text, lexicon);
    kept.set(block, (out = [...own, ...readingAcross(before, block, lexicon), ...afterExitLabel(own, near, block)]));
  }
  return out;
}

/**
 * "办理成功后次月 1 日起生效" in the card of "变更为 19 元基础套餐" (and of no way to stay) leaves its
 * subject to that card's exit: read each sentence after the exit's label too.
 */
function afterExitLabel(sentences: string[], near: MeasuredControl[], block: TextBlock): string[] {
  const exits = near.filter((c) => isExit(c) && inCardOf(block.element, c.element));
  if (exits.length === 0 || near.some((c) => c.role === 'upgrade' || c.role === 'retain')) return [];
  return exits.flatMap((c) => sentences.map((s) => `${c.text}，${s}`));
}

/** Elements of a card sit within this many siblings of each other. */
const CARD_SIBLINGS = 2;
const EMPHASIS = new Set(['B', 'STRONG', 'EM']);

/**
 * Whether a control stands in the block's card: both under the block's parent, at most a couple of
 * siblings apart. A section's FAQ a heading and a list away from a "stop renewal" link at its foot is
 * not that link's card.
 */
function inCardOf(block: Element, controlEl: Element): boolean {
  // Emphasis inside a line ("生效時間：申請完成後<b>自下一個計費週期起生效</b>") stands in the card its line stands in.
  const blockEl = EMPHASIS.has(block.tagName) && block.parentElement ? block.parentElement : block;
  if (blockEl.contains(controlEl)) return true;
  const parent = blockEl.parentElement;
  if (!parent || !parent.contains(controlEl)) return false;
  let child: Element | null = controlEl;
  while (child && child.parentElement !== parent) child = child.parentElement;
  if (!child) return false;
  // Walked from the block a few siblings each way (a list's parent may hold thousands of children).
  let before: Element | null = blockEl;
  let after: Element | null = blockEl;
  for (let i = 0; i < CARD_SIBLINGS; i++) {
    before = before?.previousElementSibling ?? null;
    after = after?.nextElementSibling ?? null;
    if (child === before || child === after) return true;
  }
  return false;
}

/** A first sentence that opens with a short heading ended by a colon. */
const HEADING = /^[^.。!?！？:：]{2,60}[:：]/u;

/** Sentences of a block: split at Chinese and Western sentence ends. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。!?!?；;])\s*|(?<=[.…])\s+(?=[A-Z"“\u3400-\u9fff])|\s+[·|•]\s+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}
