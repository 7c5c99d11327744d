/**
 * page -> Snapshot: discover controls, name them, give each a role, measure them, find the text the
 * sentence rules need, and decide what kind of page this is. Reads the DOM and layout only.
 */
import { isDocument, isTag } from './dom';
import type { Lexicon, RoleDecision } from '../rules/lexicon';
import { accessibleName, leadLine } from './accessible-name';
import { offersSignIn } from './sign-in';
import { discoverControlsSteps, type NestedRoot, type RootElements } from './discover';
import { Measurer } from './measure';
import { classifyPage, exitTitle, pageFacts } from './page-kind';
import { languageOf, type TextIndex } from './page-text';
import { planSize, sizeBelow } from './plan-size';
import { phaseMark } from './phase-mark';
import { precheckSteps } from './precheck';
import type { Elsewhere } from './elsewhere';
import { isPlanText, planTextsElsewhere, type KnownPlanTexts } from './label-questions';
import { RECURRING_PRICE } from './price';
import { buttonsOf, chosenOptions, isButtonLike, PurchaseScopes } from './purchase';
import { runAtOnce, type Steps } from './scan-timing';
import { salience } from './salience';
import { SelectorBuilder } from './selector';
import { composedParent, StyleCache } from './styles';
import { collectTextBlocksSteps, indexControlsByAncestorSteps, nearControls } from './text-blocks';
import type { MeasuredControl, Measurement, Snapshot } from './types';

/** A pay button (or a dialog's way to stay) is a prominent button, not a small "Apply" or "Terms" beside it. */
const MIN_INFERRED_SALIENCE = 40;
/** Controls named and classified between two yields when none of them is measured. */
const CONTROLS_STEP = 256;

/** Dialogs or overlays that hold a way out (or a shaming decline) and no way to stay or pay that a word list knows. */
function exitScreensWithoutStay(controls: MeasuredControl[], exitStepPage: boolean): string[] {
  const exits = new Set(
    controls.filter((c) => (c.screen !== 'page' || exitStepPage) && (c.role === 'cancel' || c.role === 'downgrade' || c.tags.includes('confirmshaming'))).map((c) => c.screen),
  );
  for (const c of controls) if (c.role === 'retain' || c.role === 'upgrade') exits.delete(c.screen);
  return [...exits];
}

/** The page's first main heading asks to confirm leaving ("確定要取消 Gold 會員嗎?", "Are you sure you want to cancel?"). */
function exitQuestion(doc: Document, lexicon: Lexicon): boolean {
  const heading = (doc.querySelector('h1, h2')?.textContent ?? '').trim();
  return heading.length <= 60 && CONFIRM_QUESTION.test(heading) && exitTitle(heading, lexicon);
}
const CONFIRM_QUESTION = /確定|确定|確認|确认|真的要|are you sure|really want|sure you want/i;

/** Dialogs whose only exit-like control is a shaming decline, with no way to stay, and whose text does not speak of leaving. */
function offerScreens(controls: MeasuredControl[], screens: ScreenFinder, lexicon: Lexicon): Set<string> {
  const declines = new Set(controls.filter((c) => c.screen !== 'page' && c.tags.includes('confirmshaming')).map((c) => c.screen));
  // A way to stay makes it a step of leaving; the shaming decline itself ("No thanks, I'd rather stay lonely") is none.
  for (const c of controls) if (c.role === 'cancel' || c.role === 'downgrade' || (c.role === 'retain' && !c.tags.includes('confirmshaming'))) declines.delete(c.screen);
  const offers = new Set<string>();
  for (const screen of declines) {
    const text = screens.rootOf(screen)?.textContent ?? '';
    // A dialog that sells more ("Get 2 TB") may warn of what running out stops ("backups will stop syncing"):
    // that loss is of not buying, not of leaving.
    const sells = controls.some((c) => c.screen === screen && c.role === 'upgrade');
    if (!lexicon.mentionsAny(sells ? LEAVING_ITSELF : LEAVING, text.slice(0, 5000))) offers.add(screen);
  }
  return offers;
}
const LEAVING_ITSELF: Array<'exitTopic' | 'exitAction' | 'cancel' | 'downgrade'> = ['exitTopic', 'exitAction', 'cancel', 'downgrade'];
const LEAVING: Array<'exitTopic' | 'exitAction' | 'lossFraming' | 'cancel' | 'downgrade'> = [...LEAVING_ITSELF, 'lossFraming'];

/** A label no list knows, read again by its first line alone when a note follows it (leadLine). */
function byFirstLine(decision: RoleDecision, el: Element, classify: (name: string) => RoleDecision): RoleDecision {
  if (decision.role !== 'other' || decision.tags.length) return decision;
  const lead = leadLine(el);
  return lead ? classify(lead) : decision;
}
/** A shaming "no thanks" on the page itself that is not an exit's label: "No thanks, I'd rather stay single". */
function isPageDecline(c: MeasuredControl): boolean {
  return c.screen === 'page' && (c.role === 'other' || c.role === 'retain') && c.tags.includes('confirmshaming');
}

/**
 * Shaming ways to turn an offer down on the page itself, on a page that says nothing of leaving: on a
 * step of cancelling ("you're about to lose all of this"), "No thanks, I'm fine losing my watchlist" is the way out.
 */
function offerDeclinesOnPage(controls: MeasuredControl[], text: string, nestedRoots: NestedRoot[], lexicon: Lexicon): number {
  const declines = controls.filter(isPageDecline).length;
  if (declines === 0 || lexicon.mentionsAny(LEAVING, text.slice(0, 20000))) return 0;
  // The page's text leaves out shadow roots and frames when the document itself speaks of plans.
  const nested = nestedRoots.map((r) => (r.root.nodeType === 9 ? (r.root as Document).body?.textContent : r.root.textContent) ?? '').join('\n');
  return lexicon.mentionsAny(LEAVING, nested.slice(0, 20000)) ? 0 : declines;
}

/**
 * Whether a shaming decline turns down the offer beside it: the smallest box around it that holds
 * another control holds an upgrade, no way to stay or out, and no word of leaving or of what leaving loses
 * (the decline's own words aside).
 */
function declinesOfferBeside(decline: MeasuredControl, controls: MeasuredControl[], lexicon: Lexicon): boolean {
  for (let box = decline.element.parentElement; box; box = box.parentElement) {
    const beside = controls.filter((c) => c !== decline && box.contains(c.element));
    if (beside.length === 0) continue;
    if (!beside.some((c) => c.role === 'upgrade') || beside.some((c) => c.role === 'cancel' || c.role === 'downgrade' || c.role === 'retain')) return false;
    const text = (box.textContent ?? '').slice(0, 2000).replace(decline.text, ' ');
    return !lexicon.mentionsAny(LEAVING, text);
  }
  return false;
}

/**
 * "变更为黄金会员" beside "升级至钻石会员": a change to a tier below the one an upgrade offers is a way
 * down. Only a label that changes tier without saying up or down (tierChange) is read so.
 */
function stepDownTiers(controls: MeasuredControl[], lexicon: Lexicon): void {
  const tiered = controls.flatMap((c) => {
    const tier = c.role === 'upgrade' && !isRenewalBox(c) ? lexicon.tierOf(c.text) : null;
    return tier ? [{ c, tier, upward: lexicon.has('upgradeAction', c.text) }] : [];
  });
  for (const t of tiered) {
    if (t.upward || !lexicon.has('tierChange', t.c.text)) continue;
    if (
      !isBelow(
        t.tier,
        tiered.filter((u) => u.upward).map((u) => u.tier),
      )
    )
      continue;
    t.c.role = 'downgrade';
    t.c.tags.push('tier-below');
  }
}

/** "调整为白银会员": a change to a named tier that no list gives a role (stepDownTiers' other half). */
function namesTierChange(name: string, lexicon: Lexicon): boolean {
  return lexicon.has('tierChange', name) && lexicon.tierOf(name) !== null;
}
/** "Move to 100 GB plan", "轉為 300M 計劃": a change to a plan of a named size. */
function namesSizeChange(name: string, lexicon: Lexicon): boolean {
  return lexicon.has('tierChange', name) && planSize(name) !== null;
}
function isBelow(tier: [number, number] | null, upward: [number, number][]): boolean {
  return tier !== null && upward.some((u) => u[0] === tier[0] && u[1] > tier[1]);
}

function isDisabled(el: Element): boolean {
  return el.getAttribute('aria-disabled') === 'true' || el.matches(':disabled');
}

const DIALOG_SELECTOR = 'dialog[open], [role=dialog], [role=alertdialog], [aria-modal=true]';

export type ScanOptions = {
  lexicon: Lexicon;
  /** false: measure the page even when the pre-check would end the scan (tests of the pre-check). */
  precheck?: boolean;
  /**
   * The walk of the document's text that the last scan made (`Snapshot.walk`), given only when it was
   * brought up to date with every change since (`TextIndex.carryOver`, with what the content script's
   * change watcher lists): the scan reads it instead of walking again.
   */
  walk?: TextIndex;
  /** A lexicon elsewhere (the background's) that a page's first scan may ask instead of this one, cold (elsewhere.ts). */
  elsewhere?: Elsewhere;
  /**
   * Told the shadow hosts and frames the pre-check's walk met, as soon as it has read the page: the content
   * script watches their roots from then on, so that a change inside one during the rest of the scan is seen.
   */
  onRead?: (hosts: readonly Element[]) => void;
  /**
   * Shadow roots the page attached closed to elements of the document's own tree, which `shadowRoot` never gives:
   * found by the content script, which may read them (src/content/closed-roots.ts). Discovery and text
   * blocks read them as they read open ones; the pre-check does not.
   */
  closedRoots?: readonly ShadowRoot[];
};

/** The pre-check ended the scan of this page: nothing was measured. */
export function endedAtPrecheck(snapshot: Snapshot): boolean {
  return snapshot.pageSignals.precheck === 0;
}

export function snapshotPage(doc: Document, opts: ScanOptions): Snapshot {
  return runAtOnce(snapshotSteps(doc, opts));
}

/** The snapshot step by step: yields between controls, blocks and pieces of the walks (scan-timing.ts). */
export function* snapshotSteps(doc: Document, { lexicon, precheck = true, walk, elsewhere, onRead, closedRoots }: ScanOptions): Steps<Snapshot> {
  const view = doc.defaultView ?? window;
  const viewport = { width: view.innerWidth, height: view.innerHeight, scrollX: view.scrollX, scrollY: view.scrollY };
  const pre = yield* precheckSteps(doc, lexicon, true, walk, { ask: elsewhere?.precheck, onRead });
  phaseMark(pre.measure || !precheck ? 'measure' : 'report');
  const language = languageOf(doc, pre.head);
  const base = {
    url: doc.URL,
    title: doc.title,
    language,
    viewport: { width: viewport.width, height: viewport.height },
    textUpTo: (cap: number) => pre.index.textUpTo(cap),
    shadowRoots: () => pre.index.hosts.flatMap((h) => (h.shadowRoot ? [h.shadowRoot] : [])),
    ...(pre.noExitSurvey ? { noExitSurvey: true } : {}),
  };
  // Cheap pre-check: a page that never mentions plans is not measured at all.
  if (!pre.measure && precheck) {
    const ended: Snapshot = { ...base, pageKind: 'other', subscriptionPage: false, pageSignals: { precheck: 0 }, controls: [], blocks: [] };
    // The page's text is read only if a check after the scan asks for it.
    return Object.defineProperty(ended, 'pageText', { enumerable: true, get: () => pre.text });
  }
  yield;
  // Filled by the pre-check unless its first look cleared the page (measured all the same: precheck false).
  yield* lexicon.prepareSteps();
  const text = pre.text;

  const styles = new StyleCache();
  const measurer = new Measurer(styles, viewport);
  const selectors = new SelectorBuilder();
  const screens = new ScreenFinder(styles, viewport);
  const sections = new SectionFinder();
  // Pages repeat labels ("Edit", "Download invoice"): each distinct label is classified once, and
  // the answers are kept for the next scans with the same word lists.
  const { classify, shames, exitObject, tierChange, isPlanText, planTexts } = labelAnswers(lexicon);
  const askPlanTexts = elsewhere?.planTexts;
  const knowPlanTexts = askPlanTexts && ((texts: readonly string[]) => planTextsElsewhere(askPlanTexts, texts, planTexts));

  const controls: MeasuredControl[] = [];
  const nestedRoots: NestedRoot[] = [];
  const controlLists = new Map<Document | ShadowRoot, RootElements>();
  const found = yield* discoverControlsSteps(doc, { styles, isPlanText, knowPlanTexts, nestedRoots, index: pre.index, controlLists, closedRoots });
  phaseMark('controls');
  const purchases = new PurchaseScopes();
  // Renewal boxes in a purchase, with what the purchase says of them: `purchase-form`; `upgrade-chosen` when it has an
  // upgrade chosen for the user (a ticked "改為年繳方案" option); `named-pay` when its pay button is one the word lists
  // name ("購買年卡", "立即續費"), not one inferred, and no way down or out stands beside it (a plan card that offers
  // those is where the plan is managed, not a purchase).
  const purchaseBoxTags = new Map<Element, string[]>();
  // Controls looked at since the last yield: thousands that are neither measured nor boxes ran as one step of 20-30 ms (plan-50k).
  let unyielded = 0;
  for (const f of found) {
    if (++unyielded === CONTROLS_STEP) {
      unyielded = 0;
      yield;
    }
    if (!isToggle(f.element) || renewalToggle(f.element, accessibleName(f.element), lexicon, classify)?.role !== 'upgrade') continue;
    const scope = purchases.addRenewalBox(f.element);
    if (!scope) continue;
    const tags = ['purchase-form'];
    if (chosenOptions(scope).some((label) => classify(label).role === 'upgrade')) tags.push('upgrade-chosen');
    const roles = buttonsOf(scope).map((b) => classify(accessibleName(b)).role);
    if (roles.includes('upgrade') && !roles.some((r) => r === 'downgrade' || r === 'cancel')) tags.push('named-pay');
    purchaseBoxTags.set(f.element, tags);
  }
  const payButtons = new Map<Element, MeasuredControl>();
  const measured = (f: (typeof found)[number], name: string, decision: RoleDecision, tags: string[]): MeasuredControl => {
    const el = f.element;
    const measurement = measurer.measure(el);
    const sal = salience(measurement, viewport.height);
    const screen = screens.of(el);
    // Exits are checked for an unrelated section; a way to stay in the same section makes it the plan's own.
    const sided = decision.role === 'downgrade' || decision.role === 'cancel' || decision.role === 'upgrade' || decision.role === 'retain';
    return {
      id: '',
      element: el,
      role: decision.role,
      text: name,
      matchedPhrase: decision.phrase ?? null,
      tags: [
        ...tags,
        ...(screen === 'page' ? [] : ['in-dialog']),
        ...(isDisabled(el) ? ['disabled'] : []),
        ...(sided && screen === 'page' && inSiteMenu(el, measurement) ? ['site-menu'] : []),
      ],
      selector: selectors.build(el, f.hosts),
      kind: controlKind(el),
      checked: checkedState(el),
      measurement,
      salience: sal.score,
      salienceRange: sal.range,
      visible: sal.score > 0,
      screen,
      section: sided ? sections.of(el) : null,
      near: [],
    };
  };
  const unplaced: { f: (typeof found)[number]; name: string }[] = [];
  const possibleExits: string[] = [];
  for (const f of found) {
    if (++unyielded === CONTROLS_STEP) {
      unyielded = 0;
      yield;
    }
    const name = accessibleName(f.element);
    const decision = renewalToggle(f.element, name, lexicon, classify) ?? byFirstLine(classify(name), f.element, classify);
    const shaming = shames(name);
    if (decision.role === 'other' && decision.tags.length === 0 && !shaming) {
      if (name.length <= 40 && (exitObject(name) || tierChange(name))) unplaced.push({ f, name });
      // An unnamed button of a purchase that offers automatic renewal: the loudest one is the way in.
      const scope = purchases.empty ? null : purchases.scopeOf(f.element, name);
      if (scope) {
        const c = measured(f, name, { role: 'upgrade', tags: [] }, ['purchase-button']);
        const best = payButtons.get(scope);
        if (c.salience >= MIN_INFERRED_SALIENCE && (!best || c.salience > best.salience)) payButtons.set(scope, c);
      }
      continue;
    }
    const tags = [...decision.tags, ...(shaming ? ['confirmshaming'] : []), ...(purchaseBoxTags.get(f.element) ?? [])];
    controls.push({ ...measured(f, name, decision, tags), id: `c${controls.length + 1}` });
    unyielded = 0;
    yield;
  }
  // "Cancel Travel Shield" beside "Upgrade to Travel Shield Plus": the page's own name for its plan.
  if (unplaced.length) {
    const planKeys = [...new Set(controls.filter((c) => c.role === 'upgrade' || c.role === 'downgrade').map((c) => lexicon.planKey(c.text)))];
    const upwardTiers = controls.flatMap((c) => (c.role === 'upgrade' && lexicon.has('upgradeAction', c.text) ? [lexicon.tierOf(c.text)] : [])).filter((t) => t !== null);
    const upwardSizes = controls.flatMap((c) => (c.role === 'upgrade' && lexicon.has('upgradeAction', c.text) ? [planSize(c.text)] : [])).filter((t) => t !== null);
    for (const { f, name } of unplaced) {
      const object = exitObject(name);
      if (object && planKeys.some((k) => k.includes(object))) controls.push({ ...measured(f, name, { role: 'cancel', tags: [] }, ['named-plan']), id: `c${controls.length + 1}` });
      else if (object && lexicon.has('planThing', object)) possibleExits.push(name);
      else if (!object && (isBelow(lexicon.tierOf(name), upwardTiers) || sizeBelow(namesSizeChange(name, lexicon) ? planSize(name) : null, upwardSizes)))
        controls.push({ ...measured(f, name, { role: 'downgrade', tags: [] }, ['tier-below']), id: `c${controls.length + 1}` });
      yield;
    }
  }
  phaseMark('tiers');
  stepDownTiers(controls, lexicon);
  // A purchase whose pay button a word list already knows needs no guess.
  for (const [scope, c] of payButtons)
    if (!controls.some((k) => k.role === 'upgrade' && !isRenewalBox(k) && scope.contains(k.element))) controls.push({ ...c, id: `c${controls.length + 1}` });
  // A dialog whose only way out is a shaming decline, and whose text says nothing of leaving, pushes an
  // offer ("戰力落後了! … 立刻變強 / 不用了,我寧願當個菜鳥"): declining it leaves nothing.
  const offers = offerScreens(controls, screens, lexicon);
  for (const c of controls) if (offers.has(c.screen) && c.tags.includes('confirmshaming')) c.tags.push('declines-offer');
  // In a dialog about leaving, its other prominent button is the way to stay, whatever it says.
  const listed = new Set(controls.map((c) => c.element));
  // A page titled as a step of leaving ("取消 Premium - 心緣") is such a screen too.
  // So is a page headed by the question of a step of leaving ("確定要取消 Gold 會員嗎?"), whatever its title.
  const exitStepPage = exitTitle(doc.title, lexicon) || exitQuestion(doc, lexicon);
  for (const screen of exitScreensWithoutStay(controls, exitStepPage).filter((s) => !offers.has(s))) {
    const root = screen === 'page' ? doc.body : screens.rootOf(screen);
    let best: MeasuredControl | null = null;
    for (const f of root ? found : []) {
      if (listed.has(f.element) || !root!.contains(f.element) || !isButtonLike(f.element)) continue;
      const name = accessibleName(f.element);
      if (!/[\p{L}\p{N}]{2}/u.test(name) || name.length > 40 || classify(name).tags.length > 0 || lexicon.namesOther(name)) continue;
      const c = measured(f, name, { role: 'retain', tags: [] }, ['dialog-alternative']);
      if (c.salience >= MIN_INFERRED_SALIENCE && (!best || c.salience > best.salience)) best = c;
    }
    if (best) controls.push({ ...best, id: `c${controls.length + 1}` });
  }

  // With no way out anywhere on the page there is nothing to stay instead of: "Claim offer" beside
  // "Upgrade to Pro" is an offer to buy more, and upgrade-pressure reads its countdown as such.
  if (!controls.some((c) => c.role === 'cancel' || c.role === 'downgrade' || c.tags.includes('confirmshaming')))
    for (const c of controls) if (c.role === 'retain' && c.screen === 'page') c.role = 'upgrade';

  yield;
  phaseMark('near');
  const nearIndex = yield* indexControlsByAncestorSteps(controls);
  for (let i = 0; i < controls.length; i++) {
    if (i % NEAR_STEP === NEAR_STEP - 1) yield;
    nearWhenRead(controls[i], nearIndex);
  }
  yield;
  // "Pay $84.17 now" on a page that says nothing of renewal pays a bill or an order: no plan is offered.
  let renews: boolean | undefined;
  const plansRenew = () => (renews ??= lexicon.has('renewal', text));
  // A way to stay in the site's menu ("線上申辦" among a water utility's sections) is navigation, not the page's own offer.
  const stay = controls.filter((c) => (c.role === 'upgrade' || c.role === 'retain') && !c.tags.includes('site-menu') && !(lexicon.isBarePayment(c.text) && !plansRenew()));
  // "Choose Starter" on a price list picks a plan: for the page's kind it is no way out of one.
  const exit = controls.filter((c) => c.role === 'cancel' || (c.role === 'downgrade' && !PLAN_PICK.test(c.text)));
  // A way to stay that is itself the shaming decline ("No thanks, I'd rather stay alone") makes no retention dialog of an offer.
  const retentionDialog =
    controls.some((c) => c.screen !== 'page' && c.role === 'retain' && !c.tags.includes('declines-offer')) &&
    controls.some((c) => c.screen !== 'page' && (c.role === 'cancel' || c.role === 'downgrade' || c.tags.includes('confirmshaming')));
  phaseMark('page kind');
  const facts = pageFacts(doc, controlLists.get(doc)?.roleHeadings);
  yield;
  const offerDeclines = offerDeclinesOnPage(controls, text, nestedRoots, lexicon);
  const page = classifyPage(
    {
      ...facts,
      text: text.slice(0, 20000),
      planControls: stay.filter((c) => !isRenewalBox(c)).length + exit.length,
      stayControls: stay.filter((c) => !isRenewalBox(c)).length,
      exitControls: exit.length,
      downgradeControls: exit.filter((c) => c.role === 'downgrade' && DOWNGRADE_LABEL.test(c.text)).length,
      renewControls: stay.filter((c) => !isRenewalBox(c) && RENEW_LABEL.test(c.text)).length,
      manageControls: controls.filter((c) => c.tags.includes('manage-subscription') || c.tags.includes('renewal-toggle')).length,
      renewalOptIns: controls.filter(isRenewalBox).length,
      offerDeclines,
      offerDialogs: [...offers].filter((screen) => controls.some((c) => c.screen === screen && c.role === 'upgrade')).length,
      exitDialog: exit.some((c) => c.screen !== 'page'),
      exitStep: exitStepPage,
      retentionDialog,
      offersSignIn: () => offersSignIn(controlLists.get(doc)?.controls ?? [], lexicon),
    },
    lexicon,
  );
  // On one's own plan page with no way out, a bare "cancel" link beside a way to stay is that way out
  // (on a checkout it abandons the purchase).
  if (page.kind === 'account' && exit.length === 0) for (const c of controls) if (isBareExitLink(c, controls, lexicon)) readAsExit(c);
  // On a checkout's own page a shaming "no thanks" turns the purchase down: it leaves nothing the user has.
  // So does one beside an offer on a page that says nothing of leaving ("No thanks, I'd rather stay single").
  // (One that says "stay" too, "No thanks, I'd rather stay uninformed", turns down the purchase all the same.)
  if (page.kind === 'checkout' || offerDeclines > 0) for (const c of controls) if (isPageDecline(c) && !c.tags.includes('declines-offer')) c.tags.push('declines-offer');
  // So does one that shares its box with an upgrade and with no way to stay or out, in a box that says
  // nothing of leaving (a corner pop-up "Switch to Family – save 40%" / "No thanks, I'd rather pay more for less").
  for (const c of controls)
    if (isPageDecline(c) && c.role === 'other' && !c.tags.includes('declines-offer') && declinesOfferBeside(c, controls, lexicon)) c.tags.push('declines-offer');
  yield;
  phaseMark('text blocks');
  const blocks = yield* collectTextBlocksSteps(doc, {
    lexicon,
    measurer,
    selectors,
    nearIndex,
    screenOf: (el) => screens.of(el),
    proseArticlePage: page.kind === 'article' || page.kind === 'help',
    nestedRoots,
    index: pre.index,
    controlLists,
    askTriggers: elsewhere?.triggers,
  });
  phaseMark('snapshot');
  const coveringElements = () => [...measurer.covering];
  return {
    ...base,
    pageText: text,
    pageKind: page.kind,
    subscriptionPage: page.subscriptionPage,
    pageSignals: page.signals,
    controls,
    blocks,
    possibleExits,
    walk: pre.index,
    coveringElements,
    // Every shadow root discovery entered, at any depth: a dialog drawn inside a component's root that is
    // itself inside the app's root changes nothing an observer of the document or of the app's root sees.
    shadowRoots: () => [...new Set([...base.shadowRoots(), ...nestedRoots.flatMap(({ root }) => (isDocument(root) ? [] : [root]))])],
  };
}

/**
 * In the site's menu: inside a `nav` landmark or an element of role navigation, or a link in a row of
 * links across the top of the page (a header bar of `div`s: "帳單繳費 用水度數查詢 停水公告 線上申辦").
 */
function inSiteMenu(el: Element, m: Measurement): boolean {
  return el.closest('nav, [role=navigation]') !== null || inTopLinkRow(el, m);
}

/** A header bar ends within this many px of the page's top. */
const TOP_BAR_PX = 120;
/** Links side by side that make a menu rather than a card's one or two actions. */
const MENU_LINKS = 4;

function inTopLinkRow(el: Element, m: Measurement): boolean {
  if (el.localName !== 'a' || m.box.y + m.box.height > TOP_BAR_PX) return false;
  let links = 0;
  for (const sibling of el.parentElement?.children ?? []) if (sibling.localName === 'a') links++;
  return links >= MENU_LINKS;
}

/** Controls given their lazy `near` between two yields (a property defined on each: about 2 µs apiece). */
const NEAR_STEP = 512;

/**
 * A bare "cancel" link on the page itself, beside a way to stay (a 9 px grey "cancel" next to "Upgrade"),
 * leads out of the plan. A dialog's or a form's Cancel closes it: it is a button, in a dialog or in
 * the form it abandons.
 */
function isBareExitLink(c: MeasuredControl, controls: MeasuredControl[], lexicon: Lexicon): boolean {
  if (!c.tags.includes('dialog-dismiss') || c.kind !== 'a' || c.screen !== 'page' || c.element.closest('form')) return false;
  if (!lexicon.has('bareExit', c.text)) return false;
  const stay = new Set(controls.filter((o) => o.role === 'upgrade' || o.role === 'retain').map((o) => o.id));
  return c.near.some((id) => stay.has(id));
}
function readAsExit(c: MeasuredControl): void {
  c.role = 'cancel';
  c.tags = [...c.tags.filter((t) => t !== 'dialog-dismiss'), 'bare-exit-link'];
}

/**
 * A control's neighbours, worked out when a rule first reads them. In a long list every control's
 * neighbours are all the others, and only a few rules (shaming, renewal) ever ask.
 */
function nearWhenRead(c: MeasuredControl, index: Map<Element, string[]>): void {
  let near: string[] | null = null;
  Object.defineProperty(c, 'near', {
    enumerable: true,
    configurable: true,
    get: () => (near ??= nearControls(c.element.parentElement, index, c.id)),
    set: (v: string[]) => {
      near = v;
    },
  });
}

/** A label's answer depends on the label and the word lists alone: kept across scans, up to this many labels each. */
const KNOWN_LABELS = 20_000;
function memoize<T>(fn: (key: string) => T, cache = new Map<string, T>()): (key: string) => T {
  return (key) => {
    let v = cache.get(key);
    if (v === undefined && !cache.has(key)) keepLabel(cache, key, (v = fn(key)));
    return v as T;
  };
}
function keepLabel<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= KNOWN_LABELS) cache.clear();
  cache.set(key, value);
}

type LabelAnswers = {
  classify: (name: string) => RoleDecision;
  shames: (name: string) => boolean;
  exitObject: (name: string) => string | null;
  /** Asked of every control with no role (most of a page's): namesTierChange or namesSizeChange. */
  tierChange: (name: string) => boolean;
  /** A clickable text worded to shame the one who leaves is the decline of a retention offer, a control too. */
  isPlanText: (text: string) => boolean;
  /** isPlanText's answers: told those a lexicon elsewhere gave (label-questions.ts). */
  planTexts: KnownPlanTexts;
};
const labelAnswersOf = new WeakMap<Lexicon, LabelAnswers>();
function labelAnswers(lexicon: Lexicon): LabelAnswers {
  let answers = labelAnswersOf.get(lexicon);
  if (!answers) {
    const shames = memoize((name: string) => lexicon.has('confirmshaming', name));
    const planTexts = new Map<string, boolean>();
    answers = {
      classify: memoize((name: string) => lexicon.classify(name)),
      shames,
      exitObject: memoize((name: string) => lexicon.exitObject(name)),
      tierChange: memoize((name: string) => namesTierChange(name, lexicon) || namesSizeChange(name, lexicon)),
      isPlanText: memoize((t: string) => isPlanText(lexicon, t, shames), planTexts),
      planTexts: {
        has: (t) => planTexts.has(t),
        set: (t, answer) => keepLabel(planTexts, t, answer),
      },
    };
    labelAnswersOf.set(lexicon, answers);
  }
  return answers;
}

/** A dialog (by role or markup) or a fixed overlay that covers a good part of the screen. */
class ScreenFinder {
  /** For an element: the screen of anything inside it that is not in a dialog of its own. */
  private readonly above = new Map<Element, string>();
  private readonly roots = new Map<string, Element>();
  private readonly selectors = new SelectorBuilder();
  constructor(
    private readonly styles: StyleCache,
    private readonly viewport: { width: number; height: number },
  ) {}
  of(el: Element): string {
    const dialog = el.closest(DIALOG_SELECTOR);
    if (dialog) return this.keyOf(dialog);
    const visited: Element[] = [];
    let screen = 'page';
    for (let a = composedParent(el); a && a.tagName !== 'BODY'; a = composedParent(a)) {
      const known = this.above.get(a);
      if (known !== undefined) {
        screen = known;
        break;
      }
      if (this.styles.style(a).position === 'fixed') {
        const r = a.getBoundingClientRect();
        if (r.width * r.height >= 0.15 * this.viewport.width * this.viewport.height) {
          screen = this.keyOf(a);
          this.above.set(a, screen);
          break;
        }
      }
      visited.push(a);
    }
    for (const v of visited) this.above.set(v, screen);
    return screen;
  }
  /** The dialog or overlay element of a screen key. */
  rootOf(screen: string): Element | null {
    return this.roots.get(screen) ?? null;
  }
  private keyOf(root: Element): string {
    const key = this.selectors.build(root, []);
    this.roots.set(key, root);
    return key;
  }
}

/**
 * A checkbox or switch about automatic renewal, or one that adds a price by the month ("加入飽飽Pass 每月
 * NT$99"), is a way to renew (TAXONOMY: renew is `upgrade`) unless its label turns renewal off. It is
 * tagged: preselected-renewal and missing-exit read the tag, and it never counts as the purchase itself
 * (its pay button is still looked for).
 */
function renewalToggle(el: Element, name: string, lexicon: Lexicon, classify: (name: string) => RoleDecision): RoleDecision | null {
  if (!isToggle(el) || !(lexicon.has('renewal', name) || RECURRING_PRICE.test(name))) return null;
  const decision = classify(name);
  // "关闭自动续费" / "Turn off auto-renew" as a switch label still names the way out.
  if (decision.role === 'cancel') return { ...decision, tags: [...decision.tags, 'renewal-toggle'] };
  return { role: 'upgrade', phrase: decision.phrase, tags: [...decision.tags, 'renewal-toggle'] };
}

/** A label that says "down" ("Choose Starter" on a price list picks a plan; "降級為標準月票" steps down from one's own). */
const DOWNGRADE_LABEL = /downgrade|step down|move down|降[级級转轉档檔]|调低|調低/i;

/** A label that picks a plan from a list ("Choose Starter", 选择基础版) rather than stepping down from one's own. */
const PLAN_PICK = /^\s*(choose|select|pick|get|start with|try)\b|^\s*(选择|選擇|选购|選購)/i;

/** A button that renews: one renews only a plan one has (续费 12 个月, Renew now). */
const RENEW_LABEL = /续费|續費|续订|續訂|续约|續約|续购|續購|\brenew/i;

/** A renewal opt-in box: tagged, and not the switch that turns renewal off. */
function isRenewalBox(c: MeasuredControl): boolean {
  return c.role === 'upgrade' && c.tags.includes('renewal-toggle');
}

function isToggle(el: Element): boolean {
  return (isTag(el, 'input') && el.type === 'checkbox') || ['switch', 'checkbox'].includes(el.getAttribute('role') ?? '');
}

function controlKind(el: Element): string {
  const role = el.getAttribute('role');
  if (role) return role;
  if (isTag(el, 'input')) return el.type;
  return el.tagName.toLowerCase();
}

function checkedState(el: Element): boolean | null {
  if (isTag(el, 'input') && (el.type === 'checkbox' || el.type === 'radio')) return el.checked;
  const aria = el.getAttribute('aria-checked') ?? el.getAttribute('aria-pressed');
  return aria === null ? null : aria === 'true';
}

/** The heading, summary, legend or labelled region that a control is filed under. */
class SectionFinder {
  /** For an element: the heading found by looking back from it through its earlier siblings. */
  private readonly back = new Map<Element, string | null>();

  of(el: Element): string | null {
    let child: Element = el;
    for (let a = composedParent(el), depth = 0; a && depth < 8; child = a, a = composedParent(a), depth++) {
      if (a.tagName === 'BODY') break;
      if (isTag(a, 'details')) {
        const s = a.querySelector(':scope > summary');
        if (s && !s.contains(el)) return clip(s.textContent);
      }
      // A title written as the block's own text before the part that holds the control
      // (<div class="item">账户安全 ›<div class="sub">…</div></div>): the control is filed under it.
      const own = child === el ? null : leadingTitle(child);
      if (own !== null) return own;
      const labelled = a.getAttribute('aria-label');
      if (labelled && /^(SECTION|NAV|ASIDE|FIELDSET|UL|DIV|MENU)$/.test(a.tagName) && a.getAttribute('role') !== 'dialog') return clip(labelled);
      const heading = this.before(child);
      if (heading !== null) return heading;
    }
    return null;
  }

  /** Long lists of rows share the answer, so each sibling is looked at once per scan. */
  private before(child: Element): string | null {
    const visited: Element[] = [];
    let found: string | null = null;
    for (let s = child.previousElementSibling; s; s = s.previousElementSibling) {
      const known = this.back.get(s);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(s);
      found = headingOf(s, this.holdsHeading);
      if (found !== null) break;
    }
    for (const v of visited) this.back.set(v, found);
    return found;
  }

  /**
   * Per tree (a document or a shadow root), the elements with a heading below them: found from the
   * tree's headings up, once, so that the rows of a long list are passed over without a query each
   * (plan-50k: ten thousand).
   */
  private readonly holders = new Map<Node, Set<Element>>();
  private readonly holdsHeading = (s: Element): boolean => {
    const root = s.getRootNode();
    let holders = this.holders.get(root);
    if (!holders) {
      holders = new Set();
      for (const h of (root as Document | ShadowRoot).querySelectorAll(HEADINGS)) for (let a = h.parentElement; a && !holders.has(a); a = a.parentElement) holders.add(a);
      this.holders.set(root, holders);
    }
    return holders.has(s);
  };
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role=heading]';

/** The text that opens a block before its element `child`, when it reads as a title (short, no figures, no sentence). */
function leadingTitle(child: Element): string | null {
  let text: Node | null = null;
  for (let n = child.previousSibling; n; n = n.previousSibling) {
    if (n.nodeType === Node.TEXT_NODE && !(n.textContent ?? '').trim()) continue;
    if (n.nodeType !== Node.TEXT_NODE || text !== null) return null;
    text = n;
  }
  if (text === null) return null;
  const t = (text.textContent ?? '').replace(/[›>»→]+\s*$/u, '').trim();
  return titleLike(t) && !/[·、]$/.test(t) ? clip(t) : null;
}

/** The heading that an earlier sibling `s` is or holds; `holdsOne`: whether a heading is below an element at all. */
function headingOf(s: Element, holdsOne: (s: Element) => boolean): string | null {
  if (/^(H[1-6]|LEGEND)$/.test(s.tagName) || s.getAttribute('role') === 'heading') return clip(s.textContent);
  if (titlesGroup(s)) return clip(s.textContent);
  if (s.childElementCount > 2 || !holdsOne(s)) return null;
  const inner = s.querySelector(HEADINGS);
  return inner ? clip(inner.textContent) : null;
}
/**
 * A styled title that is not a heading element: a short line of text alone in a block, first in its
 * group (<div class="pane"><div class="label">账户安全</div> …rows…). A row's own label is a span beside its control.
 */
function titlesGroup(s: Element): boolean {
  if (!/^(DIV|P|DT|STRONG|B)$/.test(s.tagName) || s.childElementCount > 0 || s.previousElementSibling !== null) return false;
  return titleLike((s.textContent ?? '').trim());
}
/** A short line that reads as a title: no figures, not the end of a sentence. */
function titleLike(text: string): boolean {
  return text.length >= 2 && text.length <= 24 && !/\d/.test(text) && !/[.。!！?？:：,，]$/.test(text);
}
function clip(s: string | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
}
