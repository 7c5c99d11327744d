/** The format of a rule file in rules/ (documented in docs/rule-syntax.md). */
import * as z from 'zod/mini';
import { RuleId, Severity } from '../report/schema';
import { PHRASE_KEYS } from './word-list-schema';

/** Every threshold carries the reason for its value. */
const Threshold = z.object({ value: z.number(), why: /* @__PURE__ */ z.string().check(z.minLength(5)) });
export type Threshold = z.infer<typeof Threshold>;
const PhraseKey = z.enum(PHRASE_KEYS);
const PlanRole = z.enum(['upgrade', 'retain', 'downgrade', 'cancel']);
const Text = z.object({ en: /* @__PURE__ */ z.string().check(z.minLength(1)), zh: /* @__PURE__ */ z.string().check(z.minLength(1)) });

export const Check = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('prominence'),
    minRatio: Threshold,
    minStaySalience: Threshold,
    /** A lower ratio suffices when the exit's text is faint (contrast below faintExitContrast). */
    faintExitRatio: z.optional(Threshold),
    faintExitContrast: z.optional(Threshold),
    /** A lower ratio suffices when the exit is muted: bare grey text, smaller than the stay control's. */
    mutedExit: z.optional(z.object({ ratio: Threshold, maxContrastShare: Threshold, maxChroma: Threshold })),
    /** On the page (not in a dialog), an exit further than this many screen heights from the stay control is not on its screen. */
    sameScreenDistance: z.optional(Threshold),
  }),
  z.object({
    kind: z.literal('hidden'),
    tinyArea: Threshold,
    tinyFontSize: Threshold,
    lowContrast: Threshold,
    farBelowScreens: Threshold,
    fadedBelowScreens: Threshold,
    visibleExitSalience: Threshold,
    loudStaySalience: Threshold,
  }),
  z.object({ kind: z.literal('missing') }),
  z.object({
    kind: z.literal('sentence'),
    /** The rule fires on a sentence matching any of these lists. */
    lists: /* @__PURE__ */ z.array(PhraseKey).check(z.minLength(1)),
    /** Extra condition: the sentence, its block or its screen also concerns leaving. */
    exitContext: z.optional(z.boolean()),
    /** Extra condition: a control of one of these roles sits in the same container or dialog. */
    nearRoles: z.optional(z.array(PlanRole)),
    /** A sentence that also matches one of these lists is not a finding ("no need to call us"). */
    unless: z.optional(z.array(PhraseKey)),
    /** Without a sentence from this list somewhere on the page, the verdict is only needs-review. */
    confirmedBy: z.optional(PhraseKey),
    /**
     * A sentence whose every phrase of this list an exit control beside it names is not a finding: the
     * exit says what it gives up ("退租門號" and "門號將於 90 天後釋出").
     */
    unlessExitNames: z.optional(PhraseKey),
  }),
  z.object({ kind: z.literal('control-text'), tag: z.string() }),
  z.object({ kind: z.literal('renewal'), fineFontSize: Threshold, fineContrast: Threshold }),
  /** Compares a recorded way in with a way out (docs/flows.md); page scans never run it. */
  z.object({
    kind: z.literal('flow'),
    minExtraClicks: Threshold,
    minClickRatio: Threshold,
    minExtraInterstitials: Threshold,
    /** The message when the way out could not be completed, or ended on a demand to call or write. */
    blockedMessage: Text,
  }),
]);
export type Check = z.infer<typeof Check>;
/** The checks that run on a page's snapshot. */
export type PageCheck = Exclude<Check, { kind: 'flow' }>;
export type FlowCheck = Extract<Check, { kind: 'flow' }>;

export const RuleFile = z.object({
  id: RuleId,
  severity: Severity,
  title: Text,
  description: Text,
  check: Check,
  /** One plain sentence per language; {placeholders} are filled from the finding's evidence. */
  message: Text,
  /** Words for codes in messages (hidden-exit's reasons), per language. */
  terms: z.optional(z.object({ en: z.record(z.string(), z.string()), zh: z.record(z.string(), z.string()) })),
  /** The names of the evidence fields the rule records. */
  evidence: z.array(z.string()),
});
export type RuleFile = z.infer<typeof RuleFile>;
