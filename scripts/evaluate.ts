/**
 * Measures the rule set on labelled pages (issue 4's "Done when"): each page carries its labels in
 * meta tags — fair-exit-expect (rule ids that clearly hold), fair-exit-subscription (true|false) and
 * fair-exit-controls ("label=role; ..."). Runs every page through the built extension, as the audit
 * does, and prints per-page results and the figures: rule recall, false alarms, fair pages clean,
 * controls on the right side, subscriptionPage right.
 *
 *   npx tsx scripts/evaluate.ts FOLDER... [--json] [--viewport=390x844]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureBuilt, launchWithExtension } from '../src/audit/browser';
import { collectReport } from '../src/audit/collect';
import { LocalServer } from '../src/audit/server';
import { PAGE_RULES as PAGE_RULE_IDS } from '../src/audit/survey';
import type { PageReport } from '../src/report/schema';

const PAGE_RULES: readonly string[] = PAGE_RULE_IDS;
type Side = 'stay' | 'exit' | 'other';
const sideOf = (role: string): Side => (role === 'upgrade' || role === 'retain' ? 'stay' : role === 'downgrade' || role === 'cancel' ? 'exit' : 'other');
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

type Labels = { expect: string[]; subscription: boolean | null; controls: { text: string; role: string }[] };
function labelsOf(html: string): Labels {
  const meta = (name: string) => new RegExp(`<meta\\s+name="fair-exit-${name}"\\s+content="([^"]*)"`, 'i').exec(html)?.[1] ?? null;
  const sub = meta('subscription');
  const decode = (s: string) =>
    s
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  return {
    expect: (meta('expect') ?? '').split(/\s+/).filter(Boolean).sort(),
    subscription: sub === null ? null : sub === 'true',
    controls: decode(meta('controls') ?? '')
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const i = p.lastIndexOf('=');
        return { text: p.slice(0, i).trim(), role: p.slice(i + 1).trim() };
      }),
  };
}

function htmlFiles(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? htmlFiles(join(dir, n)) : n.endsWith('.html') ? [join(dir, n)] : []));
}

/** The reported control a labelled one stands for: same text, else the shortest one containing it. */
function reportedSide(report: PageReport, text: string): Side {
  const t = norm(text);
  const same = report.controls.find((c) => norm(c.text) === t);
  const containing = report.controls.filter((c) => norm(c.text).includes(t) || (t.includes(norm(c.text)) && norm(c.text).length >= t.length * 0.6));
  const c = same ?? containing.sort((a, b) => a.text.length - b.text.length)[0];
  return c ? sideOf(c.role) : 'other';
}

const args = process.argv.slice(2);
const json = args.includes('--json');
// --viewport=390x844: the pages laid out as on a phone (or a narrow window), not at the audit's 1280x800.
const size = /^--viewport=(\d+)x(\d+)$/.exec(args.find((a) => a.startsWith('--viewport=')) ?? '');
const viewport = size ? { width: Number(size[1]), height: Number(size[2]) } : undefined;
const files = args.filter((a) => !a.startsWith('--')).flatMap((d) => htmlFiles(resolve(d)));
ensureBuilt();
const server = new LocalServer();
await server.start();
const b = await launchWithExtension({ viewport });
let tp = 0,
  fn = 0,
  fp = 0,
  negatives = 0,
  fairPages = 0,
  fairClean = 0,
  fairReview = 0,
  ctlRight = 0,
  ctlTotal = 0,
  subRight = 0,
  subTotal = 0;
const rows: unknown[] = [];
try {
  for (const f of files) {
    const labels = labelsOf(readFileSync(f, 'utf8'));
    const r = await collectReport(b, server.urlFor(f), 15);
    const name = relative(process.cwd(), f);
    if (!r.ok) {
      console.log(`FAIL ${name}: ${r.reason}`);
      continue;
    }
    const got: string[] = [...new Set(r.report.findings.filter((x) => x.verdict === 'violation').map((x) => x.rule as string))].sort();
    const review = [...new Set(r.report.findings.filter((x) => x.verdict !== 'violation').map((x) => x.rule))].sort();
    const missed = labels.expect.filter((x) => !got.includes(x));
    const extra = got.filter((x) => !labels.expect.includes(x));
    tp += labels.expect.length - missed.length;
    fn += missed.length;
    fp += extra.length;
    negatives += PAGE_RULES.length - labels.expect.length;
    if (labels.expect.length === 0) {
      fairPages++;
      if (got.length === 0) fairClean++;
      if (review.length) fairReview++;
    }
    const wrongControls: string[] = [];
    for (const c of labels.controls) {
      ctlTotal++;
      const side = reportedSide(r.report, c.text);
      if (side === sideOf(c.role)) ctlRight++;
      else wrongControls.push(`${c.text}=${c.role}→${side}`);
    }
    const subOk = labels.subscription === null || labels.subscription === r.report.subscriptionPage;
    if (labels.subscription !== null) {
      subTotal++;
      if (subOk) subRight++;
    }
    const ok = missed.length === 0 && extra.length === 0 && subOk;
    rows.push({ page: name, expect: labels.expect, got, review, missed, extra, subscription: [labels.subscription, r.report.subscriptionPage], wrongControls });
    if (!json) {
      console.log(
        `${ok ? 'ok  ' : 'BAD '} ${name}  expect [${labels.expect.join(' ')}] got [${got.join(' ')}]${review.length ? ` review [${review.join(' ')}]` : ''}${subOk ? '' : ` subscriptionPage ${r.report.subscriptionPage}`}`,
      );
      if (wrongControls.length) console.log(`       controls: ${wrongControls.join(' | ')}`);
      if (!ok && process.env.VERBOSE) for (const x of r.report.findings) console.log(`       ${x.verdict} ${x.rule}: ${x.message.slice(0, 160)}`);
    }
  }
} finally {
  await b.close();
  await server.stop();
}
const pct = (a: number, n: number) => (n ? `${((100 * a) / n).toFixed(1)}%` : 'n/a');
const summary = {
  pages: rows.length,
  recall: pct(tp, tp + fn),
  labelledFindings: tp + fn,
  found: tp,
  falseAlarms: pct(fp, negatives),
  falseAlarmCount: fp,
  pageRuleNegatives: negatives,
  fairPagesClean: `${fairClean}/${fairPages}`,
  fairPagesWithNeedsReview: fairReview,
  controlsRightSide: pct(ctlRight, ctlTotal),
  controls: ctlTotal,
  subscriptionPageRight: `${subRight}/${subTotal}`,
};
if (json) console.log(JSON.stringify({ summary, pages: rows }, null, 2));
else console.log(`\n${JSON.stringify(summary, null, 1)}`);
