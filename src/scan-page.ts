/**
 * The whole scan of one document: engine snapshot, rules, report. Plain DOM code with no extension
 * API, shared by the content script, the tests and (through the extension) the audit.
 */
import { endedAtPrecheck, snapshotSteps } from './engine/scan';
import { recordScan, runAtOnce, runInSlices, ScanClock, type ScanStats, type Steps } from './engine/scan-timing';
import type { TextIndex } from './engine/page-text';
import type { Elsewhere } from './engine/elsewhere';
import type { MeasuredControl, Snapshot } from './engine/types';
import { phaseMark } from './engine/phase-mark';
import type { Control, PageReport } from './report/schema';
import { BUNDLED_RULES } from './rules/catalog';
import { evaluateRulesSteps } from './rules/evaluate';
import type { Lexicon } from './rules/lexicon';
import type { RuleFile } from './rules/rule-schema';
import { bundledLexiconSteps } from './rules/word-lists';

export type ScanResult = { report: PageReport; snapshot: Snapshot };
export type ScanOptions = {
  rules?: RuleFile[];
  lexicon?: Lexicon;
  precheck?: boolean;
  /** The last scan's `snapshot.walk`, brought up to date with the changes since (TextIndex.carryOver; engine/scan.ts). */
  walk?: TextIndex;
  /** A lexicon elsewhere that a first scan may ask (engine/elsewhere.ts); asked only by a scan in slices. */
  elsewhere?: Elsewhere;
  /** Told the shadow hosts and frames met as soon as the page has been read (engine/scan.ts ScanOptions). */
  onRead?: (hosts: readonly Element[]) => void;
  /** Shadow roots attached closed, which the content script may read (engine/scan.ts ScanOptions). */
  closedRoots?: readonly ShadowRoot[];
};

/** The scan at once, in one task (tests, scripts). */
export function scanPage(doc: Document, opts: ScanOptions = {}): ScanResult {
  // At once, nothing is waited for: a question sent elsewhere would be answered here all the same.
  return runAtOnce(scanSteps(doc, { ...opts, elsewhere: undefined }, new ScanClock()));
}

/**
 * The same scan as the extension runs it: in slices that yield to the page, so that no task of the
 * scan blocks the page for long. The report is the same as scanPage's; scanMs is the busy time.
 */
export async function scanPageInSlices(doc: Document, opts: ScanOptions = {}): Promise<ScanResult & { stats: ScanStats }> {
  const clock = new ScanClock();
  const result = await runInSlices(scanSteps(doc, opts, clock), clock);
  const stats = clock.stats(endedAtPrecheck(result.snapshot));
  recordScan(clock, stats);
  return { ...result, stats };
}

function* scanSteps(doc: Document, opts: ScanOptions, clock: ScanClock): Steps<ScanResult> {
  // When the scan began, before it read anything: the report shows the page as it was from then on.
  // A change made while a scan runs in slices may be missed by it (a shadow root attached then is
  // seen by no observer): a report counts for a change only if its scan began after it (src/audit/collect.ts).
  const scannedAt = new Date().toISOString();
  // Made on the page's first scan, in steps of its own (bundledLexiconSteps).
  const lexicon = opts.lexicon ?? (yield* bundledLexiconSteps());
  yield;
  const snapshot = yield* snapshotSteps(doc, { lexicon, precheck: opts.precheck, walk: opts.walk, elsewhere: opts.elsewhere, onRead: opts.onRead, closedRoots: opts.closedRoots });
  // A page the pre-check ended has no control and no text block: no rule finds anything there
  // (tests/unit/evaluate-ended.test.ts), and none is run.
  phaseMark('rules');
  const findings = endedAtPrecheck(snapshot) ? [] : yield* evaluateRulesSteps(snapshot, opts.rules ?? BUNDLED_RULES, lexicon);
  phaseMark('report out');
  const controls = yield* reportControls(snapshot.controls);
  const report: PageReport = {
    url: snapshot.url,
    title: snapshot.title.slice(0, 500),
    scannedAt,
    scanMs: Math.round(clock.busyMs() * 100) / 100,
    subscriptionPage: snapshot.subscriptionPage,
    language: snapshot.language,
    controls,
    findings,
  };
  return { report, snapshot };
}

function* reportControls(controls: MeasuredControl[]): Steps<Control[]> {
  const out: Control[] = [];
  for (const c of controls) {
    out.push(toReportControl(c));
    if (out.length % 200 === 0) yield;
  }
  return out;
}

function toReportControl(c: MeasuredControl): Control {
  const m = c.measurement;
  const s = m.state;
  return {
    id: c.id,
    role: c.role,
    text: c.text,
    selector: c.selector,
    salience: c.salience,
    visible: c.visible,
    factors: {
      x: m.box.x,
      y: m.box.y,
      width: m.box.width,
      height: m.box.height,
      area: m.area,
      fontSize: m.fontSize,
      fontWeight: m.fontWeight,
      textColor: m.textColor,
      background: m.background,
      contrast: m.contrast,
      contrastUnmeasurable: m.contrastUnmeasurable,
      contrastMin: m.contrastBounds?.[0] ?? null,
      contrastMax: m.contrastBounds?.[1] ?? null,
      contrastShare: m.contrastShare,
      fillContrast: m.fillContrast,
      fillChroma: m.fillChroma,
      outlined: m.outlined,
      belowFold: m.belowFold,
      salienceMin: c.salienceRange[0],
      salienceMax: c.salienceRange[1],
      notRendered: s.notRendered,
      transparent: s.transparent,
      clipped: s.clipped,
      offScreen: s.offScreen,
      covered: s.covered,
      coveredBy: s.coveredBy,
      collapsed: s.collapsed,
      collapsedBy: s.collapsedBy,
      section: c.section,
      screen: c.screen,
      kind: c.kind,
      checked: c.checked,
    },
    tags: c.tags,
  };
}
