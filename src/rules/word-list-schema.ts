import * as z from 'zod/mini';

const phraseList = () => z.array(z.string().check(z.minLength(1)));

export const PHRASE_KEYS = [
  // upgradeTopic: words of an offer to buy or move up (开通, 首月, free trial); on an account page renewal fine print must speak of one.
  'exitTopic', 'upgradeTopic', 'contact', 'contactRequirement', 'restrictedWindow', 'delayedEffect',
  'immediateEffect', 'lossFraming', 'confirmshaming', 'renewal', 'urgency', 'accountContext',
  'pricingContext', 'articleContext', 'unrelatedSection', 'relatedSection', 'selfService', 'shopContext',
  'checkoutContext',
  // "By confirming you agree to be charged" (即表示同意): terms of a purchase, not a report of a running charge.
  'purchaseConsent',
  // A bare payment ("Pay $84.17 now", 立即付款): on an account page it settles a bill, it offers no plan to stay on.
  'payment',
  // Concepts: small lists that word-list `combos` join into a phrase key (see docs/rule-syntax.md).
  'exitAction', 'upgradeAction', 'laterTime', 'nowTime', 'takeEffect', 'prohibition', 'onlyLimit', 'windowTime',
  'requirement', 'contactChannel', 'onlineChannel', 'lossVerb', 'lossObject', 'lossEmphasis', 'helpOffer',
  // "Only take effect when the period ends" says when a change applies, not when one may ask: restricted-window's exclusion.
  'effectVerb',
  // "Does not take effect immediately" (不会立即生效): a time of now denied, no statement that a change is at once.
  'notAtOnce',
  // Words that deny what follows them in a clause (不支持, cannot): an `unless` phrase they deny does not count.
  'negation',
  // Conditions that lead a sentence as its topic ("如需…", "If you want to…"): the clause after them speaks of it.
  'topicLead',
  // "Takes effect at once" without saying what: a sentence beside a control, whose label names the subject.
  'effectNow',
  // "Takes effect next month" without saying what: a sentence in the card of an exit, whose label names the subject.
  'effectLater',
  // Verbs that start a label ending something ("Cancel", 取消): with a plan's own name after them, an exit.
  'exitVerb',
  // A purchase that says it does not renew ("單次購買，不會自動續訂", "one-time payment, no auto-renewal"): no renewal terms.
  'noRenewal',
  // Nouns that name a plan or a service one pays for (服務, add-on, cover): after a verb of leaving, perhaps a way out.
  'planThing',
  // Words that give a change's timing to every change ("Upgrades, switches and cancellations all…", 升级及降级): delayed-effect's exclusion.
  'everyChange',
  // A deadline to give notice by ("須於扣款日前 15 日提出", "at least 30 days before"): no window on leaving, restricted-window's exclusion.
  'noticeDeadline',
  // A leaving already done ("退订后", "once you cancel"): what follows is what comes after it (return the modem within
  // 30 days, at a store), not when or how one may leave: restricted-window's and forced-contact's exclusion.
  'afterExit',
  // Equipment sent back (寄回, "return the modem"): what such a clause asks is about the device, not about
  // leaving: restricted-window's and forced-contact's exclusion.
  'sendBack',
  // The user is on a free tier ("您当前为免费学员", "You're on the Free plan"): there is no paid plan to leave.
  'freeTier',
  // A whole label that offers to sign in or register (登入, "Log in"): no user is signed in, so no plan of theirs is on the page.
  'signIn',
  // A dismissal label that also names leaving ("cancel", 取消): as a link on the page beside a way to stay, a way out.
  'bareExit',
  // Leaving a renewal box unticked ("未勾选则…", "If you leave it unticked"): what follows is what happens without
  // renewal, not a delay on leaving: delayed-effect's exclusion.
  'untickedBox',
  // Verbs that change to a named tier without saying up or down (变更为, switch to): tiers decide which.
  'tierChange',
  // Words that point back to the sentence before ("such requests", 此类申请): a combination's subject may stand there.
  'anaphor',
  // Recorded flows (docs/flows.md): an exit survey's question; what a plain confirmation says.
  'exitSurvey', 'plainBack', 'confirmQuestion',
] as const;
export type PhraseKey = (typeof PHRASE_KEYS)[number];

/**
 * One file in rules/words/: the phrases of one language. Made when first asked for: a bundle takes
 * the lists as the build checked them (build-checked.ts), and making the schema's sixty-odd parts
 * in every page, for nothing, was a few milliseconds of the content script's start.
 */
export function wordListSchema() {
  return (schema ??= makeWordList());
}
let schema: ReturnType<typeof makeWordList> | undefined;

function makeWordList() {
  const PhraseList = phraseList();
  return z.object({
    lang: z.enum(['en', 'zh-CN', 'zh-TW']),
    note: z.optional(z.string()),
    roles: z.object({ upgrade: PhraseList, retain: PhraseList, downgrade: PhraseList, cancel: PhraseList }),
    /** Labels that look like a role but are not about the plan (取消收藏, cancel order). */
    other: PhraseList,
    /** Whole labels that only close a dialog ("Cancel", "取消"). */
    dismiss: PhraseList,
    /** Paths to the plan settings, which count as a way out for missing-exit. */
    manage: PhraseList,
    phrases: z.object(Object.fromEntries(PHRASE_KEYS.map((k) => [k, PhraseList])) as Record<PhraseKey, typeof PhraseList>),
    /**
     * A phrase key also matches a sentence that holds a phrase of every list of one combination, in
     * any order ("降级…下个自然月…执行" = exitAction + laterTime + takeEffect = delayedEffect). Combinations
     * of all languages are merged, like the lists.
     */
    combos: z.optional(z.partialRecord(z.enum(PHRASE_KEYS), z.array(z.array(z.enum(PHRASE_KEYS)).check(z.minLength(2))))),
    /**
     * Concepts that undo a combination when they stand in its clause: "所有变更即时生效" speaks of
     * changes taking effect at once, whatever "下次扣款" nearby says (delayedEffect unless nowTime).
     */
    comboExclusions: z.optional(z.partialRecord(z.enum(PHRASE_KEYS), z.array(z.enum(PHRASE_KEYS)))),
    /**
     * Concepts read away from a clause before a key's combination is looked for in it: what they say is
     * not part of the combination, but the rest of the clause still counts. "Requests are only accepted
     * between the 1st and 10th and must be received at least 30 days before your next draft" sets a window
     * beside its notice (restrictedWindow aside noticeDeadline); the notice alone sets none.
     */
    comboAsides: z.optional(z.partialRecord(z.enum(PHRASE_KEYS), z.array(z.enum(PHRASE_KEYS)))),
    /**
     * Membership tiers in order, lowest first; each step lists names of one rank (["白银"], ["黄金"], …).
     * "变更为黄金会员" beside "升级至钻石会员" names a lower tier than the upgrade: a way down.
     */
    tiers: z.optional(z.array(PhraseList)),
  });
}
export type WordList = z.infer<ReturnType<typeof makeWordList>>;
