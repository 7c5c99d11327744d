/** confirmshaming: a decline or leave control worded to guilt the user. */
import type { Check } from '../rule-schema';
import type { CheckInput, CheckResult } from '../check-types';
import { controlEvidence, quote } from './shared';

type ControlTextCheck = Extract<Check, { kind: 'control-text' }>;

export function controlText({ snapshot, check }: CheckInput<ControlTextCheck>): CheckResult[] {
  return snapshot.controls
    .filter((c) => c.tags.includes(check.tag))
    .map((c) => ({
      verdict: c.visible ? 'violation' : 'needs-review',
      controls: [c.id, ...c.near.slice(0, 3)],
      evidence: { control: controlEvidence(c), wording: c.text },
      vars: { text: quote(c.text, 80) },
    }));
}
