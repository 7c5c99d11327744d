/** Runs every rule's check over a snapshot and turns the results into report findings. */
import { runAtOnce, type Steps } from '../engine/scan-timing';
import type { Snapshot } from '../engine/types';
import type { Finding } from '../report/schema';
import type { CheckInput, CheckResult } from './check-types';
import type { Lexicon } from './lexicon';
import type { PageCheck, RuleFile } from './rule-schema';
import { controlText } from './checks/control-text';
import { hidden } from './checks/hidden';
import { missing } from './checks/missing';
import { prominence } from './checks/prominence';
import { renewal } from './checks/renewal';
import { sentence } from './checks/sentence';

/** A check runs at once, or in steps (one that reads every block of a long page: sentence.ts). */
type Runner<K extends PageCheck['kind']> = (input: CheckInput<Extract<PageCheck, { kind: K }>>) => CheckResult[] | Steps<CheckResult[]>;
const CHECKS: { [K in PageCheck['kind']]: Runner<K> } = {
  prominence,
  hidden,
  missing,
  sentence,
  'control-text': controlText,
  renewal,
};

export function evaluateRules(snapshot: Snapshot, rules: RuleFile[], lexicon: Lexicon): Finding[] {
  return runAtOnce(evaluateRulesSteps(snapshot, rules, lexicon));
}

/** One rule per step (or more, for a check in steps), so that a sliced scan can give the page its thread back between rules. */
export function* evaluateRulesSteps(snapshot: Snapshot, rules: RuleFile[], lexicon: Lexicon): Steps<Finding[]> {
  const findings: Finding[] = [];
  for (const rule of rules) {
    yield;
    // Flow rules compare two recorded paths (src/flows/asymmetry.ts); a single page has nothing to compare.
    if (rule.check.kind === 'flow') continue;
    const run = CHECKS[rule.check.kind] as Runner<PageCheck['kind']>;
    let results: CheckResult[];
    try {
      const out = run({ snapshot, check: rule.check as never, lexicon });
      results = Array.isArray(out) ? out : yield* out;
    } catch (e) {
      // One broken check must not hide the findings of the others.
      console.warn(`[fair-exit] rule ${rule.id} failed:`, e);
      continue;
    }
    results.forEach((r, i) => {
      findings.push({
        id: `${rule.id}-${i + 1}`,
        rule: rule.id,
        severity: rule.severity,
        verdict: r.verdict,
        controls: r.controls,
        message: fillTemplate(rule.message[snapshot.language], translateVars(r.vars, rule, snapshot.language)),
        evidence: r.evidence,
      });
    });
  }
  return findings;
}

/** Lists of codes become words of the page's language: ["tiny", "collapsed"] → "太小、被折叠". */
function translateVars(vars: CheckResult['vars'], rule: RuleFile, lang: 'en' | 'zh'): Record<string, string | number> {
  const terms = rule.terms?.[lang] ?? {};
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars)) out[k] = Array.isArray(v) ? v.map((code) => terms[code] ?? code).join(lang === 'zh' ? '、' : ', ') : v;
  return out;
}

export function fillTemplate(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}
