/**
 * Whole labelled pages of many services (tests/fixtures/realistic/: zh-CN, zh-TW and en, fair and
 * unfair, written apart from the rules and first used as held-out sets; see docs/evaluation/):
 * exactly the labelled violations, and subscriptionPage as labelled.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/audit/browser';
import { expectLabelsHold, fixturePages } from './fixture-pages';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// Several pages at a time, each in its own tab of the one browser (as the audit runs them): most of a
// page's time is the collector waiting for it to stay quiet for a second, not work.
describe('realistic pages', () => {
  it.concurrent.for(fixturePages(join(PROJECT_ROOT, 'tests/fixtures'), ['realistic']))('$name', (page, { expect }) => expectLabelsHold(h, page, expect));
});
