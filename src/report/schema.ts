/**
 * The report contract (shared/REPORT.md). Every report type in the project is inferred from
 * these schemas; `npm run schema` publishes them as schema/report.schema.json.
 */
import * as z from 'zod/mini';

export const ROLES = ['upgrade', 'retain', 'downgrade', 'cancel', 'other'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const RULE_IDS = [
  'asymmetric-prominence',
  'hidden-exit',
  'missing-exit',
  'forced-contact',
  'restricted-window',
  'delayed-effect',
  'loss-framing',
  'confirmshaming',
  'preselected-renewal',
  'upgrade-pressure',
  'flow-asymmetry',
] as const;
export const RuleId = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof RuleId>;

export const Severity = z.enum(['high', 'medium', 'low']);
export type Severity = z.infer<typeof Severity>;
export const Verdict = z.enum(['violation', 'needs-review']);
export type Verdict = z.infer<typeof Verdict>;

const Score = /* @__PURE__ */ z.number().check(z.minimum(0), z.maximum(100));
const FactorValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/** Measured values behind a control's salience; see docs/salience.md. */
export const Factors = z.record(z.string(), FactorValue);
export type Factors = z.infer<typeof Factors>;

export const Control = z.object({
  id: z.string(),
  role: Role,
  text: z.string(),
  selector: z.string(),
  salience: Score,
  visible: z.boolean(),
  factors: Factors,
  /** Extra facts the rules use: manage-subscription, dialog-dismiss, in-dialog, ... */
  tags: z.optional(z.array(z.string())),
});
export type Control = z.infer<typeof Control>;

export const Finding = z.object({
  id: z.string(),
  rule: RuleId,
  severity: Severity,
  verdict: Verdict,
  controls: z.array(z.string()),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()),
});
export type Finding = z.infer<typeof Finding>;

export const PageReport = z.object({
  url: z.string(),
  title: z.string(),
  /** When the scan began to read the page. */
  scannedAt: z.iso.datetime({ offset: true }),
  scanMs: /* @__PURE__ */ z.number().check(z.minimum(0)),
  subscriptionPage: z.boolean(),
  /** Language family of the page's interface text; messages are written in it. */
  language: z.optional(z.enum(['zh', 'en'])),
  controls: z.array(Control),
  findings: z.array(Finding),
});
export type PageReport = z.infer<typeof PageReport>;

/** What a recorded step did: `start` opens the path; `dialog` is a dialog or overlay that appeared. */
export const STEP_ACTIONS = ['start', 'click', 'check', 'fill', 'goto', 'navigate', 'dialog'] as const;
export const StepAction = z.enum(STEP_ACTIONS);
/** What made a screen part of the retention on the way (see docs/flows.md); forced-contact is not an interstitial. */
export const SCREEN_SIGNALS = ['loss-framing', 'confirmshaming', 'retain', 'survey', 'forced-contact'] as const;
export const ScreenSignal = z.enum(SCREEN_SIGNALS);
export type ScreenSignal = z.infer<typeof ScreenSignal>;
export const PathStep = z.object({
  action: z.string(),
  url: z.string(),
  text: z.optional(z.string()),
  role: z.optional(Role),
  selector: z.optional(z.string()),
  /** The screen this step brought up held retention content (counted in `interstitials`). */
  interstitial: z.optional(z.boolean()),
  /** What was new on that screen: retention content, or a demand to call or write. */
  signals: z.optional(z.array(ScreenSignal)),
});
export type PathStep = z.infer<typeof PathStep>;
export const PathRecord = z.object({
  completed: z.boolean(),
  clicks: z.number(),
  pages: z.number(),
  interstitials: z.number(),
  steps: z.array(PathStep),
  /** Signals on the screen where the path ended (a "call us" page: forced-contact). */
  endSignals: z.optional(z.array(ScreenSignal)),
  /** Language family of the pages on the path; the finding's message is written in it. */
  language: z.optional(z.enum(['zh', 'en'])),
});
export type PathRecord = z.infer<typeof PathRecord>;

/** A flow file for `npm run audit -- --flow FILE` (shared/REPORT.md, docs/flows.md). */
const Selector = /* @__PURE__ */ z.string().check(z.minLength(1));
export const FlowFileStep = z.union([
  z.strictObject({ click: Selector }),
  z.strictObject({ check: Selector }),
  z.strictObject({ fill: Selector, value: z.string() }),
  z.strictObject({ goto: /* @__PURE__ */ z.string().check(z.minLength(1)) }),
]);
export type FlowFileStep = z.infer<typeof FlowFileStep>;
export const FlowFile = z.object({
  name: /* @__PURE__ */ z.string().check(z.minLength(1)),
  start: /* @__PURE__ */ z.string().check(z.minLength(1)),
  join: z.array(FlowFileStep),
  exit: z.array(FlowFileStep),
});
export type FlowFile = z.infer<typeof FlowFile>;

export const FlowReport = z.object({
  name: z.string(),
  paths: z.object({ join: PathRecord, exit: PathRecord }),
  findings: z.array(Finding),
});
export type FlowReport = z.infer<typeof FlowReport>;

export const AuditOutput = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: z.string(), version: z.string() }),
  pages: z.array(PageReport),
  flows: z.optional(z.array(FlowReport)),
});
export type AuditOutput = z.infer<typeof AuditOutput>;
