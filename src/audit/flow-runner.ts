/**
 * `--flow`: replays a flow file's way in and way out, each from `start` in a new tab, with the
 * extension loaded. The counts and the finding come from the extension's own recorder and rule
 * (the worker's `fairExit.flows`, which the popup's record buttons use too): one code path.
 */
import type { Page } from 'playwright-core';
import { FlowReport, type FlowFileStep } from '../report/schema';
import { currentWorker, type ExtensionBrowser } from './browser';
import { describeStep, resolveTarget, type LoadedFlow } from './flow-file';
import { scanStart } from './collect';

/** A page is settled when nothing in it changed for this long and the extension has scanned it. */
const QUIET_MS = 1000;
/** A page that never stops changing (a ticking countdown) is taken as its latest scan shows it. */
const BUSY_PAGE_MS = 5000;
/** How long a step's element may take to appear before the step counts as impossible. */
const STEP_WAIT_MS = 3000;
const DIRECTIONS = ['join', 'exit'] as const;

/** The flow's evidence bundle (the extension's .zip: steps and the screen after each). */
export type FlowBundleBytes = { fileName: string; zip: Uint8Array };
export type FlowRun = { ok: true; report: FlowReport; bundle: FlowBundleBytes | null } | { ok: false; reason: string };

type Worker = Awaited<ReturnType<typeof currentWorker>>;
type Any = any;

export async function runFlow(
  b: ExtensionBrowser,
  loaded: LoadedFlow,
  opts: { urlFor: (file: string) => string; timeoutS: number; log: (s: string) => void; bundle?: boolean },
): Promise<FlowRun> {
  const { flow, dir } = loaded;
  const target = (t: string) => resolveTarget(t, dir, opts.urlFor);
  // The two paths pair up under one key, apart from any flow recorded before in this profile.
  const flowKey = `audit:${flow.name}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  let saved: Any = null;
  for (const direction of DIRECTIONS) {
    const page = await b.context.newPage();
    // The extension captures the screen after each step only of a tab in front, as in the user's browser.
    await page.bringToFront().catch(() => {});
    try {
      const stepAt = Date.now();
      try {
        const res = await page.goto(target(flow.start), { waitUntil: 'load', timeout: opts.timeoutS * 1000 });
        if (res && res.status() >= 400) return { ok: false, reason: `${flow.start}: HTTP ${res.status()}` };
      } catch (e) {
        return { ok: false, reason: `${flow.start}: ${firstLine((e as Error).message)}` };
      }
      const tabId = await settle(b, page, null, stepAt, opts.timeoutS);
      if (tabId === null) return { ok: false, reason: `${flow.start}: no report from the extension within ${opts.timeoutS}s` };
      await (
        await currentWorker(b)
      ).evaluate(([tabId, direction, flowKey, name]) => (globalThis as Any).fairExit.flows.start(tabId, direction, { flowKey, name }).then(() => null), [
        tabId,
        direction,
        flowKey,
        flow.name,
      ] as const);
      await evaluateWithRetry(b, (w) => w.evaluate((id) => (globalThis as Any).fairExit.flows.flushShot(id), tabId)).catch(() => {});
      let completed = true;
      for (const [i, step] of flow[direction].entries()) {
        const at = Date.now();
        await resetChanges(page);
        const done = await perform(page, step, target, opts.timeoutS);
        if (!done.ok) {
          // Not an error: the way could not be followed, and that is the result.
          opts.log(`fair-exit: flow "${flow.name}": ${direction} step ${i + 1} (${describeStep(step)}) could not be performed: ${done.reason}`);
          completed = false;
          break;
        }
        await settle(b, page, tabId, at, opts.timeoutS);
        // The screen this step brought up is captured before the next step changes it.
        await evaluateWithRetry(b, (w) => w.evaluate((id) => (globalThis as Any).fairExit.flows.flushShot(id), tabId)).catch(() => {});
      }
      saved = await evaluateWithRetry(b, (w) => w.evaluate(([tabId, completed]) => (globalThis as Any).fairExit.flows.stop(tabId, completed), [tabId, completed] as const));
    } finally {
      await page.close().catch(() => {});
    }
  }
  const parsed = FlowReport.safeParse({ name: flow.name, paths: { join: saved?.join, exit: saved?.exit }, findings: saved?.findings ?? [] });
  if (!parsed.success) return { ok: false, reason: 'the extension returned an invalid flow record' };
  let bundle: FlowBundleBytes | null = null;
  if (opts.bundle && typeof saved?.id === 'string') {
    const got = (await evaluateWithRetry(b, (w) => w.evaluate((id) => (globalThis as Any).fairExit.flows.bundleBase64(id), saved.id as string)).catch((e: Error) => {
      opts.log(`fair-exit: flow "${flow.name}": no evidence bundle: ${firstLine(e.message)}`);
      return null;
    })) as { fileName: string; zip: string } | null;
    if (got) bundle = { fileName: got.fileName, zip: new Uint8Array(Buffer.from(got.zip, 'base64')) };
  }
  return { ok: true, report: parsed.data, bundle };
}

async function perform(page: Page, step: FlowFileStep, target: (t: string) => string, timeoutS: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    if ('goto' in step) {
      await page.goto(target(step.goto), { waitUntil: 'load', timeout: timeoutS * 1000 });
      return { ok: true };
    }
    const selector = 'click' in step ? step.click : 'check' in step ? step.check : step.fill;
    // A report selector chains open shadow roots with " >>> "; Playwright's CSS pierces them itself.
    const el = page.locator(selector.split(' >>> ').join(' >> ')).first();
    try {
      await el.waitFor({ state: 'visible', timeout: STEP_WAIT_MS });
    } catch {
      return { ok: false, reason: `no visible element matches ${selector}` };
    }
    if ('click' in step) await el.click({ timeout: STEP_WAIT_MS });
    else if ('check' in step) await el.check({ timeout: STEP_WAIT_MS });
    else await el.fill(step.value, { timeout: STEP_WAIT_MS });
    await page.waitForLoadState('load', { timeout: timeoutS * 1000 }).catch(() => {});
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: firstLine((e as Error).message) };
  }
}

/** Forgets earlier page changes, so that settle() waits only for what the next step changes. */
async function resetChanges(page: Page): Promise<void> {
  await page.evaluate(() => ((window as Any).__fairExitLastChange = 0)).catch(() => {});
}

/**
 * Waits until the page has not changed for QUIET_MS and the extension has the scan of what it shows
 * now (a new document scanned after the step; a changed one rescanned after its last change).
 * Returns the tab's id, or null when no report came within the timeout.
 */
async function settle(b: ExtensionBrowser, page: Page, knownTab: number | null, stepAt: number, timeoutS: number): Promise<number | null> {
  const deadline = Date.now() + timeoutS * 1000;
  let tabId = knownTab;
  let docStart = 0;
  while (Date.now() < deadline) {
    const url = page.url();
    // A new document has no observer yet: install one and count from now.
    const state = (await page
      .evaluate(() => {
        const w = window as Any;
        if (w.__fairExitObserved) return { lastChange: w.__fairExitLastChange as number, fresh: false };
        w.__fairExitObserved = true;
        w.__fairExitLastChange = 0;
        new MutationObserver(() => (w.__fairExitLastChange = Date.now())).observe(document.documentElement, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
        return { lastChange: 0, fresh: true };
      })
      .catch(() => null)) as { lastChange: number; fresh: boolean } | null;
    if (!state) {
      await page.waitForTimeout(100);
      continue;
    }
    if (state.fresh) docStart = Date.now();
    const entry = (await evaluateWithRetry(b, (w) =>
      w.evaluate(
        ([tabId, url]) => {
          const fe = (globalThis as Any).fairExit;
          // A tab closed a moment ago may still hold a report of the same URL: take the newest.
          const id =
            tabId ??
            [...fe.tabs.tabIds()]
              .filter((t: number) => fe.tabs.get(t)?.report.url === url)
              .sort((a: number, b: number) => fe.tabs.get(b).receivedAt - fe.tabs.get(a).receivedAt)[0] ??
            null;
          const e = id === null ? null : fe.tabs.get(id);
          return e ? { tabId: id, url: e.report.url, receivedAt: e.receivedAt, report: { scannedAt: e.report.scannedAt } } : null;
        },
        [tabId, url] as const,
      ),
    ).catch(() => null)) as { tabId: number; url: string; receivedAt: number; report: { scannedAt: string } } | null;
    if (entry) tabId = entry.tabId;
    const now = Date.now();
    const quiet = now - Math.max(state.lastChange, docStart, stepAt) >= QUIET_MS;
    const newDoc = docStart > 0;
    // After a change, only a scan that began after it (a scan in slices that ended after it may have read the page before it; src/audit/collect.ts).
    const scanned = entry !== null && entry.url === url && (newDoc ? entry.receivedAt >= stepAt : true) && (state.lastChange > 0 ? scanStart(entry) >= state.lastChange : true);
    const busy = now - stepAt >= BUSY_PAGE_MS && entry !== null && entry.url === url && (newDoc ? entry.receivedAt >= stepAt : true);
    if ((quiet && scanned) || busy) return tabId;
    await page.waitForTimeout(150);
  }
  return tabId;
}

/** The worker may be stopped by the browser between calls: take the current one and try again. */
async function evaluateWithRetry<T>(b: ExtensionBrowser, fn: (w: Worker) => Promise<T>): Promise<T> {
  let last: unknown;
  for (let i = 0; i < 3; i++) {
    try {
      return await fn(await currentWorker(b));
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? s
  );
}

export type FlowsOutcome = { reports: FlowReport[]; bundles: (FlowBundleBytes | null)[]; failures: { target: string; reason: string }[] };

/** Every flow in turn (each opens its own tabs); a flow whose start cannot be loaded is a failure. */
export async function runFlows(
  b: ExtensionBrowser,
  flows: LoadedFlow[],
  opts: { urlFor: (file: string) => string; timeoutS: number; log: (s: string) => void; stopped?: () => boolean; bundle?: boolean },
): Promise<FlowsOutcome> {
  const out: FlowsOutcome = { reports: [], bundles: [], failures: [] };
  for (const loaded of flows) {
    if (opts.stopped?.()) break;
    opts.log(`fair-exit: flow "${loaded.flow.name}" (${loaded.file})`);
    const run = await runFlow(b, loaded, opts).catch((e: Error) => ({ ok: false as const, reason: firstLine(e.message) }));
    if (run.ok) {
      out.reports.push(run.report);
      out.bundles.push(run.bundle);
    } else {
      out.failures.push({ target: loaded.file, reason: run.reason });
      opts.log(`fair-exit: cannot run flow ${loaded.file}: ${run.reason}`);
    }
  }
  return out;
}
