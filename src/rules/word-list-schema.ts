import * as z from 'zod/mini';

const PhraseList = z.array(z.string().check(z.minLength(1)));

export const PHRASE_KEYS = [
  'exitTopic', 'upgradeTopic', 'contact', 'contactRequirement', 'restrictedWindow', 'delayedEffect',
  'immediateEffect', 'lossFraming', 'confirmshaming', 'renewal', 'urgency', 'accountContext',
  'pricingContext', 'articleContext', 'unrelatedSection', 'relatedSection', 'selfService', 'shopContext',
  'checkoutContext',
] as const;
export type PhraseKey = (typeof PHRASE_KEYS)[number];

/** One file in rules/words/: the phrases of one language. */
export const WordList = z.object({
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
});
export type WordList = z.infer<typeof WordList>;
