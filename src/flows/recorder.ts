/**
 * Records one path (the way in or the way out) in one tab: clicks on controls, new documents, dialogs
 * that appear, and which of those screens held retention content. The state lives in a key-value
 * area (browser.storage.session), so a recording survives navigations and a stopped worker; every
 * event is read-modify-write, one at a time.
 */
import * as z from 'zod/mini';
import { PathStep, Role, ScreenSignal, type PageReport, type PathRecord } from '../report/schema';
import type { Lexicon } from '../rules/lexicon';
import { bundledLexicon } from '../rules/word-lists';
import type { KeyValueArea } from '../storage/kv';
import { INTERSTITIAL_SIGNALS, screenItems } from './retention';

export const Direction = z.enum(['join', 'exit']);
export type Direction = z.infer<typeof Direction>;

/** A step as recorded: when it happened, and the id of its screenshot (flowShots store), if any. */
const RecordedStep = z.extend(PathStep, { at: z.number(), shot: z.optional(z.string()) });
type RecordedStep = z.infer<typeof RecordedStep>;

export const Recording = z.object({
  tabId: z.number(),
  direction: Direction,
  /** Paths with the same key are the two sides of one flow (a site, or an audited flow file). */
  flowKey: z.string(),
  name: z.string(),
  startedAt: z.number(),
  steps: z.array(RecordedStep),
  /** The document (URL without its fragment) now shown, and the dialogs seen on it. */
  docUrl: z.string(),
  dialogs: z.array(z.string()),
  /** Keys of the retention items on the screen now shown (see retention.ts). */
  screenItems: z.array(z.string()),
  screenSignals: z.array(ScreenSignal),
  languages: z.object({ zh: z.number(), en: z.number() }),
});
export type Recording = z.infer<typeof Recording>;

/** A click, a ticked box or a filled field, as the content script saw it. */
export const UserAction = z.object({
  action: z.enum(['click', 'check', 'fill']),
  url: /* @__PURE__ */ z.string().check(z.maxLength(4000)),
  text: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(500))),
  role: z.optional(Role),
  selector: z.optional(/* @__PURE__ */ z.string().check(z.maxLength(2000))),
  at: z.number(),
});
export type UserAction = z.infer<typeof UserAction>;

/** What the popup shows of a recording in progress. */
export const RecordingSummary = z.object({
  tabId: z.number(),
  direction: Direction,
  flowKey: z.string(),
  name: z.string(),
  startedAt: z.number(),
  steps: z.number(),
  clicks: z.number(),
  pages: z.number(),
  interstitials: z.number(),
});
export type RecordingSummary = z.infer<typeof RecordingSummary>;

const KEY = 'flow-rec:';
const CLICKS = new Set(['click', 'check']);
const docOf = (url: string) => url.replace(/#.*$/, '');

export class FlowRecorder {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly area: KeyValueArea,
    private readonly lexicon: Lexicon = bundledLexicon(),
  ) {}

  /** Starts recording a tab (a recording already running there is replaced). */
  start(input: { tabId: number; direction: Direction; flowKey: string; name: string; url: string; report?: PageReport | null; now: number }): Promise<RecordingSummary> {
    return this.serial(async () => {
      const rec: Recording = {
        tabId: input.tabId,
        direction: input.direction,
        flowKey: input.flowKey,
        name: input.name,
        startedAt: input.now,
        steps: [{ action: 'start', url: input.url, at: input.now }],
        docUrl: docOf(input.url),
        dialogs: [],
        screenItems: [],
        screenSignals: [],
        languages: { zh: 0, en: 0 },
      };
      // What the start screen already shows is the baseline, not something a step brought up.
      if (input.report) {
        rec.dialogs = dialogsOf(input.report).map((d) => d.key);
        this.observe(rec, input.report, null, { baseline: true });
      }
      await this.save(rec);
      return summarize(rec);
    });
  }

  get(tabId: number): Promise<Recording | null> {
    return this.serial(() => this.load(tabId));
  }

  async summary(tabId: number): Promise<RecordingSummary | null> {
    const rec = await this.get(tabId);
    return rec ? summarize(rec) : null;
  }

  userAction(tabId: number, action: UserAction): Promise<boolean> {
    return this.serial(async () => {
      const rec = await this.load(tabId);
      if (!rec) return false;
      const { at, ...step } = action;
      insertStep(rec, { ...step, at: Math.max(at, rec.startedAt) });
      await this.save(rec);
      return true;
    });
  }

  /** A scan of the tab's page: a new document, a dialog, new retention content. */
  pageReport(tabId: number, report: PageReport, input: { seq: number; survey: string | null; now: number }): Promise<boolean> {
    return this.serial(async () => {
      const rec = await this.load(tabId);
      if (!rec) return false;
      if (input.seq === 1 || docOf(report.url) !== rec.docUrl) {
        insertStep(rec, { action: 'navigate', url: report.url, at: input.now });
        rec.docUrl = docOf(report.url);
        rec.dialogs = [];
        rec.screenItems = [];
      }
      for (const d of dialogsOf(report)) {
        if (rec.dialogs.includes(d.key)) continue;
        rec.dialogs.push(d.key);
        insertStep(rec, { action: 'dialog', url: report.url, ...(d.text ? { text: d.text } : {}), at: input.now });
      }
      this.observe(rec, report, input.survey, { baseline: false });
      await this.save(rec);
      return true;
    });
  }

  /** Ends the recording and returns the path (and each step's screenshot id); null when the tab was not recording. */
  stop(tabId: number, completed: boolean): Promise<{ recording: Recording; path: PathRecord; shots: (string | null)[] } | null> {
    return this.serial(async () => {
      const rec = await this.load(tabId);
      if (!rec) return null;
      await this.area.remove(KEY + tabId);
      return { recording: rec, path: toPath(rec, completed), shots: rec.steps.map((s) => s.shot ?? null) };
    });
  }

  /** The step now last (what the tab's screen shows), to be captured. */
  lastStep(tabId: number): Promise<{ at: number; url: string } | null> {
    return this.serial(async () => {
      const last = (await this.load(tabId))?.steps.at(-1);
      return last ? { at: last.at, url: last.url } : null;
    });
  }

  /** Files a screenshot under the step that happened at `at`; a later capture of the same step replaces it. */
  attachShot(tabId: number, at: number, shot: string): Promise<{ attached: boolean; replaced: string | null }> {
    return this.serial(async () => {
      const rec = await this.load(tabId);
      const step = rec?.steps.find((s) => s.at === at);
      if (!rec || !step) return { attached: false, replaced: null };
      const replaced = step.shot ?? null;
      step.shot = shot;
      await this.save(rec);
      return { attached: true, replaced };
    });
  }

  /** Drops the recording of a closed tab. */
  discard(tabId: number): Promise<void> {
    return this.serial(() => this.area.remove(KEY + tabId));
  }

  private observe(rec: Recording, report: PageReport, survey: string | null, opts: { baseline: boolean }): void {
    const items = screenItems(report, survey, this.lexicon);
    if (report.language) rec.languages[report.language]++;
    const fresh = items.filter((i) => !rec.screenItems.includes(i.key));
    const last = rec.steps.at(-1);
    if (!opts.baseline && fresh.length && last && last.action !== 'start') {
      const signals = new Set<ScreenSignal>([...(last.signals ?? []), ...fresh.map((i) => i.signal)]);
      last.signals = [...signals];
      if ([...signals].some((s) => INTERSTITIAL_SIGNALS.has(s))) last.interstitial = true;
    }
    rec.screenItems = [...new Set([...rec.screenItems, ...items.map((i) => i.key)])];
    rec.screenSignals = [...new Set(items.map((i) => i.signal))];
  }

  private async load(tabId: number): Promise<Recording | null> {
    const got = (await this.area.get(KEY + tabId))[KEY + tabId];
    const parsed = Recording.safeParse(got);
    return parsed.success ? parsed.data : null;
  }

  private save(rec: Recording): Promise<void> {
    return this.area.set({ [KEY + rec.tabId]: rec });
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }
}

/** Steps stay in the order they happened (a click message may arrive after the page it led to). */
function insertStep(rec: Recording, step: RecordedStep): void {
  let i = rec.steps.length;
  while (i > 1 && rec.steps[i - 1].at > step.at) i--;
  rec.steps.splice(i, 0, step);
}

/** The dialogs and overlays on a report's screen, with the first plan control's text in each. */
function dialogsOf(report: PageReport): { key: string; text: string | null }[] {
  const out = new Map<string, string | null>();
  for (const c of report.controls) {
    const screen = c.factors.screen;
    if (typeof screen === 'string' && screen !== 'page' && c.visible && !out.has(screen)) out.set(screen, c.text);
  }
  return [...out].map(([key, text]) => ({ key, text }));
}

function counts(rec: Recording) {
  return {
    clicks: rec.steps.filter((s) => CLICKS.has(s.action)).length,
    pages: rec.steps.filter((s) => s.action === 'navigate').length,
    interstitials: rec.steps.filter((s) => s.interstitial).length,
  };
}

function summarize(rec: Recording): RecordingSummary {
  const { tabId, direction, flowKey, name, startedAt } = rec;
  return { tabId, direction, flowKey, name, startedAt, steps: rec.steps.length - 1, ...counts(rec) };
}

export function toPath(rec: Recording, completed: boolean): PathRecord {
  const { zh, en } = rec.languages;
  return {
    completed,
    ...counts(rec),
    steps: rec.steps.map(({ at: _at, shot: _shot, ...s }) => s),
    endSignals: rec.screenSignals,
    ...(zh + en > 0 ? { language: zh > en ? ('zh' as const) : ('en' as const) } : {}),
  };
}
