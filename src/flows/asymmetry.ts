/**
 * flow-asymmetry: compares a recorded way in with a recorded way out (rules/flow-asymmetry.json,
 * docs/flows.md). Pure: the popup's recordings and the audit's --flow replays both end here.
 */
import type { Finding, PathRecord } from '../report/schema';
import { BUNDLED_RULES } from '../rules/catalog';
import { fillTemplate } from '../rules/evaluate';
import type { FlowCheck, RuleFile } from '../rules/rule-schema';

export type Paths = { join: PathRecord | null; exit: PathRecord | null };

/** The way out was not finished, or it ended on a screen that says to call or write. */
export function isBlocked(exit: PathRecord): boolean {
  return !exit.completed || (exit.endSignals ?? []).includes('forced-contact');
}

export function flowRule(rules: RuleFile[] = BUNDLED_RULES): (RuleFile & { check: FlowCheck }) | null {
  const rule = rules.find((r) => r.id === 'flow-asymmetry' && r.check.kind === 'flow');
  return (rule as (RuleFile & { check: FlowCheck }) | undefined) ?? null;
}

const counts = (p: PathRecord) => ({ completed: p.completed, clicks: p.clicks, pages: p.pages, interstitials: p.interstitials });
const stepList = (p: PathRecord) => p.steps.map((s) => [s.action, s.text ? `“${s.text}”` : '', s.interstitial ? '(interstitial)' : ''].filter(Boolean).join(' '));

/**
 * Findings for a pair of paths. Nothing without both paths or when the way in itself was not
 * completed (there is no baseline); never anything for equal paths.
 */
export function evaluateFlow(paths: Paths, rule = flowRule()): Finding[] {
  const { join, exit } = paths;
  if (!rule || !join || !exit || !join.completed) return [];
  const check = rule.check;
  const lang = exit.language ?? join.language ?? 'en';
  const extraClicks = exit.clicks - join.clicks;
  const clickRatio = Math.round((exit.clicks / Math.max(1, join.clicks)) * 100) / 100;
  const extraInterstitials = exit.interstitials - join.interstitials;
  const blocked = isBlocked(exit);
  const reasons: string[] = [];
  if (blocked) reasons.push(exit.completed ? 'ended-on-contact' : 'not-completed');
  if (extraClicks >= check.minExtraClicks.value && clickRatio >= check.minClickRatio.value) reasons.push('clicks');
  if (extraInterstitials >= check.minExtraInterstitials.value) reasons.push('interstitials');
  if (reasons.length === 0) return [];

  const endUrl = exit.steps.at(-1)?.url ?? '';
  const contact = (exit.endSignals ?? []).includes('forced-contact');
  const vars = {
    joinClicks: join.clicks,
    joinPages: join.pages,
    joinInterstitials: join.interstitials,
    exitClicks: exit.clicks,
    exitPages: exit.pages,
    exitInterstitials: exit.interstitials,
    endUrl,
    endReason: contact ? (rule.terms?.[lang]['forced-contact'] ?? '') : '',
  };
  return [
    {
      id: 'flow-asymmetry-1',
      rule: rule.id,
      severity: rule.severity,
      verdict: 'violation',
      controls: [],
      message: fillTemplate(blocked ? check.blockedMessage[lang] : rule.message[lang], vars),
      evidence: {
        join: counts(join),
        exit: counts(exit),
        extraClicks,
        clickRatio,
        extraInterstitials,
        thresholds: {
          minExtraClicks: check.minExtraClicks.value,
          minClickRatio: check.minClickRatio.value,
          minExtraInterstitials: check.minExtraInterstitials.value,
        },
        reasons,
        blocked,
        endUrl,
        steps: { join: stepList(join), exit: stepList(exit) },
      },
    },
  ];
}
