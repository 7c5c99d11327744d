/**
 * The pre-check may end the scan only on pages that can give nothing: on the pages we have (every rule
 * fixture in zh-CN, zh-TW and en, an even sample of the validation sets, the demo and test pages), a page that the
 * pre-check ends must, measured in full anyway, be no subscription page and hold no finding at all.
 * And it must end the scan on ordinary pages, or it saves nothing.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/audit/browser';
import { articlePage, newsPage } from '../../bench/pages';
import { startEnginePages, type EnginePages } from './engine-bundle';

function htmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? htmlFiles(join(dir, n)) : n.endsWith('.html') ? [join(dir, n)] : []));
}

const FOLDERS = ['tests/fixtures', 'demo', 'tests/browser/pages'].map((f) => join(PROJECT_ROOT, f));
// The held-out sets grow by 42 pages a set: an even sample of 80 keeps the suite's time bounded
// (a page costs about a second of a tab here, more beside the other test files); PRECHECK_ALL=1
// reads every one of them.
const VALIDATION = htmlFiles(join(PROJECT_ROOT, 'validation'));
const SAMPLE = process.env.PRECHECK_ALL ? VALIDATION : VALIDATION.filter((_, i) => i % Math.max(1, Math.ceil(VALIDATION.length / 80)) === 0);
// hostile.html sabotages DOM methods in the page's own world, where this test runs the engine.
const PAGES = [...FOLDERS.flatMap(htmlFiles), ...SAMPLE].filter((f) => !f.endsWith('hostile.html'));

/**
 * `textsDiffer`: caps at which the scan's walk gave another text than pageText (the exit-survey check reads it).
 * `firstLook`: whether the first look ended the pre-check, and what differs from the pre-check read node by node.
 */
type Verdict = {
  measure: boolean;
  findings: string[];
  subscriptionPage: boolean;
  textsDiffer: number[];
  firstLook: { cleared: boolean; differs: string[] };
  /** What differs from the pre-check read node by node, or the scan, when their questions are answered by another lexicon (the background's). */
  askedDiffers: string[];
};

let e: EnginePages;
beforeAll(async () => {
  e = await startEnginePages();
});
afterAll(async () => e?.close());

/** Loads the page (the engine comes with it), waits until it has not changed for half a second if it has scripts (a dialog one opens), then asks. */
async function verdict(page: Page, url: string): Promise<Verdict> {
  await page.goto(url, { waitUntil: 'load' });
  // A page without scripts has nothing that could change it after load.
  await page.evaluate(`document.scripts.length === 0 || new Promise((done) => {
    let last = performance.now();
    new MutationObserver(() => (last = performance.now())).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    const started = performance.now();
    const tick = () => (performance.now() - last > 500 || performance.now() - started > 4000 ? done() : setTimeout(tick, 50));
    tick();
  })`);
  return page.evaluate(`(async () => {
    const engine = globalThis.__fairExitEngine;
    const pre = engine.precheck(document);
    const { report, snapshot } = engine.scanPage(document, { precheck: false });
    const textsDiffer = [20000, 500, 50].filter((cap) => {
      const text = engine.pageText(document, cap);
      const early = pre.index.textUpTo(cap);
      return snapshot.textUpTo(cap) !== text || (early !== null && early !== text);
    });
    // What text blocks decide (the blocks matched, and what the rules find in them), not what is measured: a
    // page's animation ("pulse" on a renew button) moves boxes from one scan to the next.
    const same = (r) => JSON.stringify([r.subscriptionPage, r.controls.map((c) => [c.id, c.role, c.text, c.tags]), r.findings.map((f) => [f.id, f.rule, f.verdict, f.controls, f.evidence.sentences ?? null])]);
    const walk = engine.precheckByWalk(document);
    const asked = await engine.precheckAsked(document);
    const cleared = pre.noExitSurvey === true;
    const roots = (p) => p.index.hosts.length;
    const differs = [
      pre.measure !== walk.measure && 'measure',
      pre.text !== walk.text && 'text',
      !walk.text.startsWith(pre.head) && 'head',
      pre.head.length < 5000 && pre.head !== walk.text && 'short head',
      roots(pre) !== roots(walk) && 'shadow hosts',
      cleared && engine.mayHaveExitSurvey(walk.text) && 'exit survey',
    ].filter(Boolean);
    // The scan with text blocks' texts and discovery's short texts answered elsewhere (by a lexicon of its own, which knows none yet),
    // against a scan after it. The asked scan waits between its steps: a page that changed meanwhile (a timer late
    // on a busy machine opening its dialog) is scanned so again, and one still animating its way in is waited for.
    let changed = 0;
    const changes = new MutationObserver(() => changed++);
    changes.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    let askedReport, again;
    for (let tries = 0; tries < 3; tries++) {
      const entering = document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity);
      await Promise.race([Promise.allSettled(entering.map((a) => a.finished)), new Promise((ok) => setTimeout(ok, 2000))]);
      changed = 0;
      askedReport = (await engine.scanAsked(document, { precheck: false })).report;
      again = engine.scanPage(document, { precheck: false }).report;
      await new Promise((ok) => setTimeout(ok, 0));
      if (changed === 0) break;
    }
    changes.disconnect();
    const askedDiffers = [
      asked.measure !== walk.measure && 'measure',
      asked.text !== walk.text && 'text',
      asked.noExitSurvey === true && engine.mayHaveExitSurvey(walk.text) && 'exit survey',
      same(askedReport) !== same(again) && 'report with texts asked elsewhere',
    ].filter(Boolean);
    return { measure: pre.measure, findings: report.findings.map((f) => f.rule + ':' + f.verdict), subscriptionPage: report.subscriptionPage, textsDiffer, firstLook: { cleared, differs }, askedDiffers };
  })()`) as Promise<Verdict>;
}

describe('the pre-check', () => {
  it(`never ends the scan of a page that has a finding or is a subscription page, its question answered here or elsewhere (${PAGES.length} pages)`, async () => {
    const wrongly: string[] = [];
    const textsDiffer: string[] = [];
    const firstLookDiffers: string[] = [];
    const askedDiffers: string[] = [];
    let ended = 0;
    let cleared = 0;
    const queue = [...PAGES];
    // Three tabs at a time: the pages are small, most of the time is the wait for them to settle.
    await Promise.all(
      [0, 1, 2].map(async () => {
        const page = await e.browser.newPage({ viewport: { width: 1280, height: 800 } });
        // The engine in every document the tab loads, sent to the browser once (not once a page).
        await page.addInitScript(e.bundle);
        for (let file = queue.shift(); file; file = queue.shift()) {
          const v = await verdict(page, e.server.urlFor(file));
          if (v.textsDiffer.length) textsDiffer.push(`${relative(PROJECT_ROOT, file)}: ${v.textsDiffer.join(' ')}`);
          if (v.firstLook.differs.length) firstLookDiffers.push(`${relative(PROJECT_ROOT, file)}: ${v.firstLook.differs.join(' ')}`);
          if (v.askedDiffers.length) askedDiffers.push(`${relative(PROJECT_ROOT, file)}: ${v.askedDiffers.join(' ')}`);
          if (v.firstLook.cleared) cleared++;
          if (v.measure) continue;
          ended++;
          if (v.findings.length || v.subscriptionPage) wrongly.push(`${relative(PROJECT_ROOT, file)}: ${v.findings.join(' ')}${v.subscriptionPage ? ' subscriptionPage' : ''}`);
        }
        await page.close();
      }),
    );
    expect(wrongly).toEqual([]);
    // The text the scan's walk keeps is the text pageText reads (the exit-survey check takes it instead of walking again).
    expect(textsDiffer).toEqual([]);
    // The first look (text read in long pieces) ends the pre-check only where reading node by node gives the same.
    expect(firstLookDiffers).toEqual([]);
    // Its questions answered elsewhere (the extension's first scans), the pre-check decides as it does itself, and the scan reports the same.
    expect(askedDiffers).toEqual([]);
    expect(cleared).toBeGreaterThan(0);
    // Fair pages (news, help, shops, settings) are among them: the pre-check does end some scans.
    expect(ended).toBeGreaterThan(0);
  }, 1_500_000);

  it('ends the scan of a news article, one in everyday words, and one that only says "Subscribe" and "Upgrade"', async () => {
    const page = await e.browser.newPage();
    const plain = articlePage('plain', 1500).html;
    const stray = plain.replace(
      '<h2>Related</h2>',
      '<h2>Related</h2><a href="#s">Subscribe</a> <button>Upgrade your browser for the best experience</button> <a href="#p">Go premium</a>',
    );
    // "free parking", "after high winds", "the weekend": words the first look cannot rule out, which the lists read right.
    const everyday = newsPage('everyday', 1500).html;
    for (const html of [plain, stray, everyday]) {
      await page.setContent(html);
      await page.evaluate(e.bundle);
      expect(await page.evaluate('globalThis.__fairExitEngine.precheck(document).measure')).toBe(false);
    }
    // The same page with a renewal term in it is measured.
    await page.setContent(stray.replace('<h2>Related</h2>', '<h2>Related</h2><p>Your plan renews automatically every month.</p>'));
    await page.evaluate(e.bundle);
    expect(await page.evaluate('globalThis.__fairExitEngine.precheck(document).measure')).toBe(true);
    await page.close();
  });

  it('keeps the wrappers of the nodes its walks read through the young collections, and lets them go with the nodes', async () => {
    // In a content script's world the browser drops a node's wrapper (the script's object for it) at a
    // scavenge when nothing holds it, and the next scan makes it again: the walks mark theirs, which
    // keeps them for as long as the node lives. (The test makes a world of its own, as a content script
    // has: the page's own world keeps its wrappers otherwise.)
    const page = await e.browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    const marked = '<body><p id="stays">Stays</p><p id="gone">Gone soon</p>';
    let worlds = 0;
    /** The page in a new world of its own, with the engine; `run` evaluates there. */
    const inWorld = async (html: string) => {
      await page.setContent(html);
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: `kept-${worlds++}` });
      const run = async (expression: string): Promise<unknown> => {
        const x = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true });
        if (x.exceptionDetails) throw new Error(x.exceptionDetails.exception?.description ?? x.exceptionDetails.text);
        return x.result.value;
      };
      await run(e.bundle);
      // A wrapper registered here is reported once the collector has dropped it (a WeakRef would keep it until the task's end).
      await run(`globalThis.__dropped = []; globalThis.__registry = new FinalizationRegistry((what) => __dropped.push(what)); 0`);
      return run;
    };
    const watch = (run: (x: string) => Promise<unknown>) =>
      run(
        `for (const [what, node] of [['element', document.getElementById('stays')], ['text', document.getElementById('stays').firstChild], ['removed', document.getElementById('gone')]]) __registry.register(node, what); 0`,
      );
    /** The wrappers dropped by a collection of this type, and before it. */
    const dropped = (run: (x: string) => Promise<unknown>, type: 'minor' | 'major') =>
      run(`(async () => {
        await new Promise((r) => setTimeout(r, 0));
        gc({ type: '${type}' });
        await new Promise((r) => setTimeout(r, 50));
        return __dropped.sort();
      })()`);
    // The first look's walk of elements (an article it ends), and the walk of texts (a page in everyday words, read node by node).
    for (const html of [articlePage('plain', 1500).html, newsPage('everyday', 1500).html]) {
      const withMarks = html.replace('<body>', marked);
      // Without a scan, a scavenge drops the wrappers of elements and texts that are in the page.
      let run = await inWorld(withMarks);
      await watch(run);
      expect(await dropped(run, 'minor')).toEqual(['element', 'removed', 'text']);
      run = await inWorld(withMarks);
      expect(await run('__fairExitEngine.precheck(document).measure')).toBe(false);
      await watch(run);
      expect(await dropped(run, 'minor')).toEqual([]);
      expect(await dropped(run, 'major')).toEqual([]);
      // Removed from the page, a node is freed with its wrapper (the collector may find a stale pointer to it on the stack once or twice).
      await run(`document.getElementById('gone').remove(); 0`);
      let after: unknown = [];
      for (let i = 0; i < 5 && (after as string[]).length === 0; i++) after = await dropped(run, 'major');
      expect(after).toEqual(['removed']);
    }
    await page.close();
  });

  it("fills the lexicon's prefilter only on a page it reads node by node (a page its first look ends needs none)", async () => {
    const page = await e.browser.newPage();
    const plain = articlePage('plain', 1500).html;
    const scan = async (html: string) => {
      await page.setContent(html);
      await page.evaluate(e.bundle);
      return page.evaluate(() => {
        const engine = (globalThis as any).__fairExitEngine;
        const { report } = engine.scanPage(document);
        return { controls: report.controls.length, findings: report.findings.length, prepared: engine.lexiconPrepared() as boolean };
      });
    };
    expect(await scan(plain)).toEqual({ controls: 0, findings: 0, prepared: false });
    const plan = plain.replace('<h2>Related</h2>', '<h2>Related</h2><p>Your plan renews automatically every month.</p><button>Cancel subscription</button>');
    expect(await scan(plan)).toMatchObject({ prepared: true });
    await page.close();
  });

  it('reads text in open shadow roots and same-origin frames, not in script or style, and not beyond its 100,000 characters', async () => {
    const page = await e.browser.newPage();
    const sentence = 'Your plan renews automatically every month.';
    const measured = async (html: string, place: string) => {
      await page.setContent(html);
      // The page's policy allows no script: the shadow root and the frame are made from outside it.
      await page.evaluate(
        ([where, text]) => {
          const holder = document.createElement('div');
          document.querySelector('h2')!.before(holder);
          if (where === 'shadow') holder.attachShadow({ mode: 'open' }).innerHTML = `<p>${text}</p>`;
          if (where === 'frame') {
            const frame = document.createElement('iframe');
            holder.append(frame);
            frame.contentDocument!.body.innerHTML = `<p>${text}</p>`;
          }
          if (where === 'script' || where === 'style' || where === 'text') {
            const el = document.createElement(where === 'text' ? 'p' : where);
            if (where === 'script') el.setAttribute('type', 'text/plain');
            el.textContent = text;
            holder.append(el);
          }
        },
        [place, sentence] as const,
      );
      await page.evaluate(e.bundle);
      return page.evaluate('globalThis.__fairExitEngine.precheck(document).measure');
    };
    const plain = articlePage('plain', 1500).html;
    expect(await measured(plain, 'text')).toBe(true);
    expect(await measured(plain, 'shadow')).toBe(true);
    expect(await measured(plain, 'frame')).toBe(true);
    expect(await measured(plain, 'script')).toBe(false);
    expect(await measured(plain, 'style')).toBe(false);
    expect(await measured(plain, 'none')).toBe(false);
    // The sentence across elements, with a script between two of its words: read as one.
    const split = (html: string) =>
      html.replace('<h2>Related</h2>', '<h2>Related</h2><p>Your plan <b>renews</b><script type="text/plain">var a = 1;</script> automatically every month.</p>');
    expect(await measured(split(plain), 'none')).toBe(true);
    // A long article: the sentence near its top is read, the same sentence at its end is not.
    const long = articlePage('long', 20_000).html;
    expect(await measured(long, 'text')).toBe(true);
    expect(await measured(long.replace('</footer>', `</footer><p>${sentence}</p>`), 'none')).toBe(false);
    expect(await measured(long.replace('<header>', `<header><p>${sentence}</p>`), 'none')).toBe(true);
    // Read node by node (the walk of texts and the walk of elements that finds the hosts): a shadow
    // root or a frame near the top is read, one beyond the 100,000 characters is not.
    const byWalk = async (where: 'shadow' | 'frame', at: 'top' | 'end') => {
      await page.setContent(long);
      await page.evaluate(
        ([kind, place, text]) => {
          const holder = document.createElement('div');
          if (place === 'top') document.body.prepend(holder);
          else document.body.append(holder);
          if (kind === 'shadow') holder.attachShadow({ mode: 'open' }).innerHTML = `<p>${text}</p>`;
          else {
            const frame = document.createElement('iframe');
            holder.append(frame);
            frame.contentDocument!.body.innerHTML = `<p>${text}</p>`;
          }
        },
        [where, at, sentence] as const,
      );
      await page.evaluate(e.bundle);
      return page.evaluate('globalThis.__fairExitEngine.precheckByWalk(document).measure');
    };
    expect(await byWalk('shadow', 'top')).toBe(true);
    expect(await byWalk('frame', 'top')).toBe(true);
    expect(await byWalk('shadow', 'end')).toBe(false);
    expect(await byWalk('frame', 'end')).toBe(false);
    await page.close();
  });
});
