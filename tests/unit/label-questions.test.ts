/**
 * Discovery's short texts asked elsewhere (src/engine/label-questions.ts): only what the scan does
 * not know yet, each text once, the answers kept; nothing kept from an answer of the wrong length.
 * That a page's report is the same with them answered elsewhere is checked on every labelled page
 * (tests/browser/precheck.test.ts, `scanAsked`).
 */
import { describe, expect, it } from 'vitest';
import { answerPlanTexts, isPlanText, PLAN_TEXTS_MAX, planTextsElsewhere, type PlanTextAsker } from '../../src/engine/label-questions';
import { runInSlices, ScanClock } from '../../src/engine/scan-timing';
import { bundledLexicon } from '../../src/rules/word-lists';

function run(ask: PlanTextAsker, texts: string[], known: Map<string, boolean>): Promise<void> {
  return runInSlices(planTextsElsewhere(ask, texts, known), new ScanClock()).then(() => undefined);
}

describe("discovery's short texts asked elsewhere", () => {
  it('asks each text not known yet once, and keeps the answers', async () => {
    const asked: string[][] = [];
    const known = new Map([['Read more', false]]);
    await run(async (texts) => (asked.push(texts), texts.map((t) => t.startsWith('Upgrade'))), ['Read more', 'Upgrade now', 'Upgrade now', 'Help'], known);
    expect(asked).toEqual([['Upgrade now', 'Help']]);
    expect([...known]).toEqual([
      ['Read more', false],
      ['Upgrade now', true],
      ['Help', false],
    ]);
    await run(async (texts) => (asked.push(texts), texts.map(() => true)), ['Help', 'Read more'], known);
    expect(asked).toHaveLength(1);
  });

  it('keeps nothing of no answer or one of the wrong length, and asks nothing of too many texts', async () => {
    const known = new Map<string, boolean>();
    await run(async () => undefined, ['a', 'b'], known);
    await run(async () => [true], ['a', 'b'], known);
    expect(known.size).toBe(0);
    let asked = 0;
    await run(
      async (texts) => (asked++, texts.map(() => true)),
      Array.from({ length: PLAN_TEXTS_MAX + 1 }, (_, i) => `t${i}`),
      known,
    );
    expect(asked).toBe(0);
  });

  it('answer yes for a label about plans or a shaming decline, no for an ordinary link', () => {
    const texts = ['Upgrade to Premium', 'Cancel subscription', "No thanks, I don't want to save", '升级会员', '取消自动续费', 'Read more', '阅读全文', 'Sign in'];
    expect(answerPlanTexts(bundledLexicon(), texts)).toEqual([true, true, true, true, true, false, false, false]);
    // The shaming decline is no plan label: it is a control by its wording alone.
    expect(bundledLexicon().isPlanLabel("No thanks, I don't want to save")).toBe(false);
    expect(isPlanText(bundledLexicon(), "No thanks, I don't want to save")).toBe(true);
  });
});
