/**
 * Is this a subscription interface (account, plan, billing, membership), or a news article, a help
 * page or a public pricing page? Rules about plans apply only to the first.
 */
import type { Lexicon } from '../rules/lexicon';
import type { PageKind } from './types';
import { PRICE } from './price';
import { withoutQuotations } from './quotation';

export type PageFacts = {
  title: string;
  headings: string;
  text: string;
  planControls: number;
  stayControls: number;
  exitControls: number;
  /** Ways to a cheaper plan: a price list offers plans, never a step down from one's own. */
  downgradeControls?: number;
  /** Buttons that renew (续费, Renew now): one renews only a plan one has. */
  renewControls?: number;
  manageControls: number;
  /** Checkboxes or switches that turn automatic renewal on (not "turn off auto-renew"). */
  renewalOptIns?: number;
  retentionDialog: boolean;
  /** Shaming ways to turn an offer down on the page itself ("我不在乎变强，放弃福利"). */
  offerDeclines?: number;
  /** Dialogs that offer an upgrade with only a shaming decline as the way to turn it down (an upsell, not a step of leaving). */
  offerDialogs?: number;
  /** A way out inside a dialog ("確認終止綠電方案"): a step of leaving one's own plan. */
  exitDialog?: boolean;
  longParagraphs: number;
  articleElements: number;
  /** Marks of a published piece: a dated <time>, an author link, og:type article, a byline. */
  articleMarks?: number;
  /** The page is a step of leaving by its title ("取消訂閱 - …") or by the question heading it ("確定要取消 Gold 會員嗎?"). */
  exitStep?: boolean;
  /** Whether a link or a button offers to sign in ("登入"): asked only where it decides the page's kind. */
  offersSignIn?: () => boolean;
};

/** Length in Latin-letter equivalents: one Chinese character carries about two letters' worth. */
function proseLength(text: string): number {
  const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  return text.length + cjk;
}

/**
 * `roleHeadings`: the document's elements of role heading, in document order, when the scan has
 * found them already (discovery's query does): then the headings are read without a query of their
 * own (`h1, h2, h3, [role=heading]` matches every element of the page against the attribute).
 */
export function pageFacts(doc: Document, roleHeadings?: Element[]): Pick<PageFacts, 'title' | 'headings' | 'longParagraphs' | 'articleElements' | 'articleMarks'> {
  const headings = firstHeadings(doc, MAX_HEADINGS, roleHeadings)
    .map((h) => (h.textContent ?? '').trim())
    .join(' | ');
  let longParagraphs = 0;
  // The first 400 paragraphs, read from the browser's list of them without building all of it.
  const paragraphs = doc.getElementsByTagName('p');
  for (let i = 0; i < 400; i++) {
    const p = paragraphs[i];
    if (!p) break;
    if (proseLength(p.textContent ?? '') > 120) longParagraphs++;
  }
  const articleElements = doc.getElementsByTagName('article').length;
  // The marks decide only an <article> of three long paragraphs or more (classifyPage): the query
  // matches every element of the page against five selectors, one a substring of the class.
  const articleMarks = articleElements > 0 && longParagraphs >= 3 ? doc.querySelectorAll(ARTICLE_MARKS).length : 0;
  return { title: doc.title, headings, longParagraphs, articleElements, articleMarks };
}

const MAX_HEADINGS = 40;

/**
 * The first `max` elements of `h1, h2, h3, [role=heading]` in document order: the three tags' own
 * lists (which the browser keeps) and the elements of role heading, merged in document order.
 */
function firstHeadings(doc: Document, max: number, roleHeadings?: Element[]): Element[] {
  if (!roleHeadings) return Array.from(doc.querySelectorAll('h1, h2, h3, [role=heading]')).slice(0, max);
  const lists: ArrayLike<Element>[] = [doc.getElementsByTagName('h1'), doc.getElementsByTagName('h2'), doc.getElementsByTagName('h3'), roleHeadings];
  const at = lists.map(() => 0);
  const out: Element[] = [];
  while (out.length < max) {
    let first = -1;
    for (let k = 0; k < lists.length; k++) {
      const el = lists[k][at[k]];
      if (el && (first < 0 || precedes(el, lists[first][at[first]]))) first = k;
    }
    if (first < 0) break;
    const el = lists[first][at[first]];
    // An <h2 role=heading> is in two lists: it comes first in both at once.
    for (let k = 0; k < lists.length; k++) if (lists[k][at[k]] === el) at[k]++;
    out.push(el);
  }
  return out;
}
function precedes(a: Element, b: Element): boolean {
  return (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

const ARTICLE_MARKS = 'time[datetime], [rel=author], [itemprop=author], meta[property="og:type"][content=article], [class*=byline]';

function checkoutLike(
  f: PageFacts,
  s: { account: number; checkout: number; renewal: number; pricing: number; shop: number; consent: number; freeTier: number; article: number },
): boolean {
  // A box to tick for renewal is a way in too, when the pay button's label is one no list knows ("提交订单").
  if (f.stayControls + (f.renewalOptIns ?? 0) === 0 || f.exitControls > 0 || f.retentionDialog) return false;
  // A box to tick for automatic renewal beside one or two ways to pay: a subscription checkout, whatever
  // prices it lists (a public price list has a button per plan and nothing to tick).
  // Words of consent to the purchase ("开通即同意…") make it one however many plan tiles it offers.
  // Not on one's own plan page that offers a renewing upgrade beside the plan it shows (目前方案, 下次扣款)
  // without a word of paying for an order: that is the account page, which may lack a way out.
  // So is a page that speaks of one's own plan many times over (門號, 合約期間, 本期用量…) and sells an add-on
  // below it: a word or two of paying for the add-on do not make it a checkout.
  const ownPlanPage = s.account >= 4 && (s.checkout + s.consent === 0 || s.account >= Math.max(OWN_PLAN_MIN, OWN_PLAN_WORDS * (s.checkout + s.consent)));
  // An offer to buy beside a shaming way to turn it down, with no price list around it: a sales prompt.
  // A shop's own checkout (購物車, 運費) that adds a renewing add-on to the order ("手機安心保…每月自動續保") sells a
  // subscription there.
  const addOnRenews = s.checkout >= 1 && s.renewal >= 1;
  // A delivery app's club page names its riders and "我的订单" as a shop does, but says more of renewal than of the shop.
  const sellsRenewal = addOnRenews || s.renewal > s.shop;
  // So is an upsell dialog of that kind, but not one shown to a user the page calls free ("您当前为免费学员"): they have no plan.
  const offerDialog = (f.offerDialogs ?? 0) >= 1 && s.freeTier === 0;
  if (((f.offerDeclines ?? 0) >= 1 || offerDialog) && s.pricing <= 1 && (s.shop <= 1 || sellsRenewal) && !ownPlanPage) return true;
  if ((f.renewalOptIns ?? 0) >= 1 && (f.stayControls <= 2 || s.consent >= 1) && (s.shop <= 1 || sellsRenewal) && !ownPlanPage) return true;
  // Plan cards with prices outnumbering the payment terms: a public pricing page, not a checkout.
  if (s.pricing > s.checkout + 1) return false;
  // Renewal terms alone make a checkout only where words of paying (or of consent to a purchase: "By
  // continuing, your subscription renews at…") are not outweighed by words of one's own account ("your
  // plan", "member since"): an account page of a plan that renews mentions renewal too.
  // Terms of a purchase state what it costs; a blog's advice to check for forgotten renewals states no price,
  // and a report on renewals ("记者实测…自动续费") that does is read as a report, whatever its newsletter button.
  const renewalTerms =
    s.renewal >= 1 && PRICE.test(f.text) && s.pricing <= 2 && (s.shop <= 1 || addOnRenews) && s.account <= 2 * (s.checkout + s.consent) && s.article < REPORT_WORDS;
  // Two words of paying ("付款方式: Apple Pay") on one's own plan page (我的計劃, 下次收費) say how it is paid, not that it is bought.
  return s.checkout >= 3 || (s.checkout >= 2 && s.shop <= 1 && s.pricing <= 3 && s.account <= 2 * s.checkout) || renewalTerms;
}

function manageTitle(head: string, lex: Lexicon): boolean {
  return head.split('|').some((h) => lex.classify(h.trim()).tags.includes('manage-subscription'));
}

/** A title that names a step of leaving ("Cancel Premium", "取消訂閱 - …"). */
export function exitTitle(title: string, lex: Lexicon): boolean {
  const role = lex.classify(title.split(/\s[-–—|·]\s/)[0] ?? '').role;
  return role === 'cancel' || role === 'downgrade';
}

/**
 * Words of one's own account per word of paying, and at least so many, that make a page one's own plan
 * page whatever add-on it sells: a news checkout says "your subscription", "renews automatically" (5 words
 * beside "card number", set ED); a telecom plan page says 12 (門號, 合約期間, 本期用量…, set EP).
 */
const OWN_PLAN_WORDS = 5;
const OWN_PLAN_MIN = 8;

/** Distinct reporting words (记者, 报道, "according to") that make a page read as a report or an article. */
const REPORT_WORDS = 3;

const HELP_WORDS = /faq|help|support|\bguide\b|常见问题|帮助|幫助|說明中心|常見問題|客服中心|指南|攻略|教學|教程/i;

/** A page titled "Pricing" / "价格" is the public price list, whatever else it mentions. */
const PRICING_TITLE = /\b(pricing|prices|plans (&|and) pricing|compare plans)\b|^\s*(our )?plans\s*[-–—|:]|价格|定价|價格|定價|收費方案|资费标准|資費標準/i;

/**
 * The page offers to sign in, says at most one word of an account (an FAQ's "會員管理"), and has no way
 * out or to manage of its own: the plans it shows are offered, not held. A page that greets its user
 * by their account (宽带账号 0755…) is theirs, whatever its header offers.
 */
function signedOut(f: PageFacts, account: number): boolean {
  return account <= 1 && f.exitControls === 0 && f.manageControls === 0 && !!f.offersSignIn?.();
}

/**
 * "於 App「我的月票」中取消", "申辦後可於會員中心隨時調整速率" name a place of the account to go to: the page
 * is not that place.
 */
function withoutNamedPlaces(text: string): string {
  return text.replace(/「[^「」]{1,20}」|『[^『』]{1,20}』|“[^“”]{1,30}”/gu, ' ').replace(GO_TO_CENTRE, ' ');
}
const GO_TO_CENTRE = /(?:於|在|至|到|前往|进入|進入|登入|登录|登錄)\s*(?:會員中心|会员中心|個人中心|个人中心)/gu;

type TextCounts = { account: number; pricing: number; article: number; shop: number; checkout: number; renewal: number; consent: number; freeTier: number };
/**
 * The distinct phrases of each list that the page's text holds: they depend on the text and the
 * word lists alone, and a page scanned again mostly gives the same text, so the last few are kept.
 */
const knownCounts = new WeakMap<Lexicon, { text: string; counts: TextCounts }[]>();
const KNOWN_TEXTS = 4;
function textCounts(text: string, lex: Lexicon, distinct: (key: Parameters<Lexicon['findAll']>[0], text: string) => number): TextCounts {
  let known = knownCounts.get(lex);
  if (!known) knownCounts.set(lex, (known = []));
  const hit = known.find((k) => k.text === text);
  if (hit) return hit.counts;
  // A question ("Can I cancel my subscription?") in an FAQ is not a sign of being signed in.
  // A quoted message ("此方案於合約期間內無法調降") is reported speech, not the page about one's account.
  const statements = withoutQuotations(text).replace(/[^.!?。!?\n]{0,100}[??]/g, ' ');
  const counts = {
    account: distinct('accountContext', withoutNamedPlaces(statements)),
    pricing: distinct('pricingContext', text),
    article: distinct('articleContext', text),
    shop: distinct('shopContext', statements),
    checkout: distinct('checkoutContext', statements),
    renewal: renewalWords(statements, lex),
    consent: distinct('purchaseConsent', statements),
    freeTier: distinct('freeTier', statements),
  };
  known.unshift({ text, counts });
  known.length = Math.min(known.length, KNOWN_TEXTS);
  return counts;
}

/** Distinct renewal words, but those a purchase denies ("單次購買，不會自動續訂"): a one-time purchase states no renewal terms. */
function renewalWords(text: string, lex: Lexicon): number {
  const denied = lex.findAll('noRenewal', text).map((m) => m.text);
  return new Set(
    lex
      .findAll('renewal', text)
      .map((m) => m.text)
      .filter((t) => !denied.some((d) => d.includes(t))),
  ).size;
}

export function classifyPage(f: PageFacts, lex: Lexicon): { kind: PageKind; subscriptionPage: boolean; signals: Record<string, number> } {
  const distinct = (key: Parameters<Lexicon['findAll']>[0], text: string) => new Set(lex.findAll(key, text).map((m) => m.text)).size;
  const head = `${f.title} | ${f.headings}`;
  const words = textCounts(f.text, lex, distinct);
  const signals = {
    // A page titled "Cancel Premium" or "取消訂閱" is a step of an exit flow: an account interface.
    account: words.account + 2 * distinct('accountContext', head) + (f.exitStep || exitTitle(f.title, lex) ? 2 : 0) + ((f.renewControls ?? 0) > 0 ? 2 : 0),
    pricing: words.pricing + 2 * distinct('pricingContext', head),
    article: words.article + 2 * distinct('articleContext', head),
    longParagraphs: f.longParagraphs,
    planControls: f.planControls,
    stayControls: f.stayControls,
    exitControls: f.exitControls,
    manageControls: f.manageControls,
    retentionDialog: f.retentionDialog ? 1 : 0,
    shop: words.shop,
    checkout: words.checkout,
    renewal: words.renewal,
    consent: words.consent,
    freeTier: words.freeTier,
  };
  // The title or main heading names a help page (a sidebar link to "帮助与反馈" does not).
  // A page titled as one's own ("我的寬頻方案") keeps its FAQ section under the plan: that heading names no help page.
  const firstHeading = f.headings.split(' | ')[0] ?? '';
  const helpHead = HELP_WORDS.test(f.title) || (HELP_WORDS.test(firstHeading) && distinct('accountContext', f.title) === 0);
  const isHelp = helpHead && (f.longParagraphs >= 2 || signals.article >= 3);
  const isArticle =
    !f.retentionDialog &&
    ((signals.article >= 3 && (f.longParagraphs >= 4 || (f.articleElements > 0 && f.longParagraphs >= 2))) ||
      // An <article> of several long paragraphs with a byline or reporting words, and a button or two
      // (Subscribe, Share) around it: a published piece, not a plan interface.
      (f.articleElements > 0 && f.longParagraphs >= 3 && f.planControls <= 2 && (signals.article >= 2 || (f.articleMarks ?? 0) >= 1)));
  // An order list is an account page of a shop: many more shop words than account words.
  // An order's receipt states how it was paid (实付, 支付方式): that is outweighed by the order's own words.
  const isShop =
    signals.shop >= 2 && signals.renewal === 0 && (signals.account <= 1 || signals.shop > 2 * signals.account) && (signals.checkout <= 2 || signals.shop > 2 * signals.checkout);
  // Many more pricing words than signs of a signed-in account, and no way out: a public pricing page.
  const isPricing = f.exitControls === 0 && !f.retentionDialog && (signals.pricing >= 2 * Math.max(1, signals.account) + 2 || PRICING_TITLE.test(f.title));
  // A user on a free tier with nothing renewing and no way out has no plan to manage: an offer to them is no plan interface.
  const freeUser = signals.freeTier > 0 && signals.renewal === 0 && f.exitControls === 0 && f.manageControls === 0;
  // A title about changing plans makes a plan interface of a page without plan controls, unless the page
  // reads as a report ("记者实测多款App会员套餐变更"): then the title is a headline.
  // Nor is it one under a help centre's title ("How to cancel or change your plan – Streamly Help"): a help page
  // with no control of a plan explains the plan interface, it is not one.
  const planInterface =
    !freeUser && (f.planControls + f.manageControls >= 1 || f.retentionDialog || (manageTitle(head, lex) && signals.article < REPORT_WORDS && !HELP_WORDS.test(f.title)));
  let kind: PageKind;
  if (isArticle) kind = 'article';
  else if (isHelp && !f.retentionDialog) kind = 'help';
  else if (isShop && !f.retentionDialog) kind = 'other';
  // Paying for a subscription: a way in, no way out on the page, and payment or renewal terms.
  else if (checkoutLike(f, signals)) kind = 'checkout';
  else if (isPricing) kind = 'pricing';
  // A page that offers to sign in shows nobody's own plan: with no way out or to manage, its plans are offered, not held.
  else if (f.retentionDialog || f.exitDialog || (planInterface && (signals.account >= 2 || (signals.account >= 1 && signals.pricing <= 2)) && !signedOut(f, signals.account)))
    kind = 'account';
  // A way to pay more beside a way out of one's own plan: public pricing pages and shops offer no way out.
  else if (f.stayControls >= 1 && f.exitControls >= 1 && signals.shop <= 1 && (signals.pricing <= 3 || (f.downgradeControls ?? 0) >= 1)) kind = 'account';
  // Several ways out of one's own plan (downgrade, turn off renewal, refund): no price list offers those.
  else if (f.stayControls >= 1 && f.exitControls >= 2 && signals.shop <= 1) kind = 'account';
  else if (signals.pricing >= 2 && f.stayControls >= 1) kind = 'pricing';
  else kind = 'other';
  return { kind, subscriptionPage: kind === 'account' || kind === 'checkout', signals };
}
