/**
 * Every rule fixture page in tests/fixtures/<rule>/ and tests/fixtures/fair/ through the real
 * extension: the set of rules reported as violations must be exactly the page's
 * <meta name="fair-exit-expect">, and subscriptionPage must match <meta name="fair-exit-subscription">.
 * Whole realistic pages (tests/fixtures/realistic/) run in fixtures-realistic.test.ts, in parallel with this file.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/audit/browser';
import { expectLabelsHold, fixturePages } from './fixture-pages';
import { startHarness, type Harness } from './harness';

const ROOT = join(PROJECT_ROOT, 'tests/fixtures');
const RULE_DIRS = readdirSync(ROOT).filter((d) => d !== 'fair' && d !== 'realistic' && statSync(join(ROOT, d)).isDirectory());

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('rule fixtures', () => {
  it('has fires and fair pages for every rule', () => {
    for (const rule of RULE_DIRS) {
      const names = readdirSync(join(ROOT, rule));
      expect(names.filter((n) => n.startsWith('fires-')).length, rule).toBeGreaterThanOrEqual(3);
      expect(names.filter((n) => n.startsWith('fair-')).length, rule).toBeGreaterThanOrEqual(3);
    }
  });

  // Several pages at a time in tabs of the one browser, as in fixtures-realistic.test.ts.
  it.concurrent.for(fixturePages(ROOT, [...RULE_DIRS, 'fair']))('$name', (page, { expect }) => expectLabelsHold(h, page, expect));
});
