/**
 * The whole scan of one document: engine snapshot, rules, report. Plain DOM code with no extension
 * API, shared by the content script, the tests and (through the extension) the audit.
 */
import { snapshotPage } from './engine/scan';
import type { MeasuredControl, Snapshot } from './engine/types';
import type { Control, PageReport } from './report/schema';
import { BUNDLED_RULES } from './rules/catalog';
import { evaluateRules } from './rules/evaluate';
import type { Lexicon } from './rules/lexicon';
import type { RuleFile } from './rules/rule-schema';
import { bundledLexicon } from './rules/word-lists';

export type ScanResult = { report: PageReport; snapshot: Snapshot };

export function scanPage(doc: Document, opts: { rules?: RuleFile[]; lexicon?: Lexicon } = {}): ScanResult {
  const started = performance.now();
  const lexicon = opts.lexicon ?? bundledLexicon();
  const snapshot = snapshotPage(doc, { lexicon });
  const findings = evaluateRules(snapshot, opts.rules ?? BUNDLED_RULES, lexicon);
  const report: PageReport = {
    url: snapshot.url,
    title: snapshot.title.slice(0, 500),
    scannedAt: new Date().toISOString(),
    scanMs: Math.round((performance.now() - started) * 100) / 100,
    subscriptionPage: snapshot.subscriptionPage,
    language: snapshot.language,
    controls: snapshot.controls.map(toReportControl),
    findings,
  };
  return { report, snapshot };
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
