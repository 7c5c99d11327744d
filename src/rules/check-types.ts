import type { Verdict } from '../report/schema';
import type { Lexicon } from './lexicon';
import type { Snapshot } from '../engine/types';

/** What a check returns for each place where its rule holds (or may hold). */
export type CheckResult = {
  verdict: Verdict;
  controls: string[];
  evidence: Record<string, unknown>;
  /** Values for the message template. */
  vars: Record<string, string | number | string[]>;
};
export type CheckInput<C> = { snapshot: Snapshot; check: C; lexicon: Lexicon };
