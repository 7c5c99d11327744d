/**
 * A sliced scan gives the page its thread back between steps (scan-timing.ts): the work of one step
 * must not grow with the page. Counted here in what a step does (elements matched, blocks read), not
 * in time: the time budgets live in the benchmark (`npm run bench`, long-task).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { discoverControlsSteps } from '../../src/engine/discover';
import { StyleCache } from '../../src/engine/styles';
import type { Steps } from '../../src/engine/scan-timing';
import type { Snapshot, TextBlock } from '../../src/engine/types';
import { evaluateRulesSteps } from '../../src/rules/evaluate';
import { BUNDLED_RULES } from '../../src/rules/catalog';
import { bundledLexicon } from '../../src/rules/word-lists';

/** Runs the steps; returns the result and the most calls `count()` saw grow within one step. */
function runCounting<T>(steps: Steps<T>, count: () => number): { value: T; steps: number; mostPerStep: number } {
  let n = 0;
  let most = 0;
  for (;;) {
    const before = count();
    const r = steps.next();
    most = Math.max(most, count() - before);
    n++;
    if (r.done) return { value: r.value, steps: n, mostPerStep: most };
  }
}

afterEach(() => vi.restoreAllMocks());

describe('the scan in steps', () => {
  it('finds the controls of a long page matching a bounded number of elements per step', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<div><span>Seat ${i}</span><button>Edit</button><a href="#r${i}">Remove</a></div>`);
    document.body.innerHTML = `<main>${rows.join('')}</main>`;
    const matches = vi.spyOn(Element.prototype, 'matches');
    const { value, mostPerStep } = runCounting(discoverControlsSteps(document, { styles: new StyleCache(), isPlanText: () => false }), () => matches.mock.calls.length);
    expect(value).toHaveLength(6000);
    // 6,000 controls matched against the selector list and the skipped subtrees: before, all in one step.
    expect(matches.mock.calls.length).toBeGreaterThanOrEqual(6000);
    expect(mostPerStep).toBeLessThanOrEqual(1600);
  });

  it('reads the blocks of a long page for a sentence rule a bounded number at a time', () => {
    document.body.innerHTML = '<p>x</p>';
    const el = document.body.firstElementChild!;
    const blocks: TextBlock[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `t${i}`,
      element: el,
      text: `To cancel, please call our service line on 0800 555 ${1000 + i}.`,
      selector: 'p',
      fontSize: 14,
      contrast: 12,
      contrastBounds: null,
      visible: true,
      collapsed: false,
      inDialog: false,
      screen: 'page',
      prose: false,
      nearControls: [],
    }));
    const snapshot = {
      url: 'https://example.test/account',
      title: 'Account',
      language: 'en',
      viewport: { width: 1280, height: 800 },
      pageKind: 'account',
      subscriptionPage: true,
      pageSignals: {},
      controls: [],
      blocks,
    } as Snapshot;
    const rule = BUNDLED_RULES.find((r) => r.id === 'forced-contact')!;
    let read = 0;
    const counted = new Proxy(snapshot, {
      get: (t, k) => (k === 'blocks' ? new Proxy(blocks, { get: (b, i) => (typeof i === 'string' && /^\d+$/.test(i) && read++, Reflect.get(b, i)) }) : Reflect.get(t, k)),
    });
    const { value, mostPerStep } = runCounting(evaluateRulesSteps(counted, [rule], bundledLexicon()), () => read);
    expect(value.map((f) => f.rule)).toEqual(['forced-contact']);
    expect(read).toBeGreaterThanOrEqual(2000);
    expect(mostPerStep).toBeLessThanOrEqual(128);
  });
});
