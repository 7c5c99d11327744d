/**
 * Capturing a tab for the evidence bundle, in the background worker: the content script measures the
 * page, the browser captures the visible screen (captureVisibleTab, about 2 calls a second at most),
 * and the worker outlines and numbers the flagged controls. A whole-page shot scrolls the page slice
 * by slice and puts the scroll back. Captures run one at a time for the whole browser, because a
 * capture shows whatever tab is in front.
 */
import type { ContentMessage } from '../messages';
import type { PageReport } from '../report/schema';
import { annotate, crop, decodePng, encodePng, MAX_CANVAS_PX, stitch } from './canvas';
import { numberControls } from './numbering';
import { PageFacts, ScrollPosition, type StoredCapture } from './types';

export type TabInfo = { windowId: number; active: boolean; url?: string };

export type CaptureDeps = {
  getTab: (tabId: number) => Promise<TabInfo | null>;
  /** Brings a tab to the front of its window (the audit allows this; the user's browsing never does it). */
  activate: (tabId: number) => Promise<void>;
  captureVisibleTab: (windowId: number) => Promise<string>;
  sendToTab: (tabId: number, msg: ContentMessage) => Promise<unknown>;
  /** The page as MHTML text; absent where the browser has no pageCapture (Firefox). */
  saveMhtml: ((tabId: number) => Promise<string>) | null;
  browser: string;
  extensionVersion: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export type CaptureOptions = { fullPage: boolean; activate: boolean };

/** Spacing between captureVisibleTab calls (Chromium allows about two a second). */
const CAPTURE_GAP_MS = 550;
/** Longest whole-page shot, in screens: a page of endless scrolling stops here. */
const MAX_SLICES = 12;
const MAX_MHTML_CHARS = 10_000_000;
/**
 * Chromium writes the MHTML in one task of the page's own thread, about 1.4 µs an element on these
 * machines (62 ms for the bench's 45,000-element page, `scripts/debug-bench-trace.ts`): above this
 * many elements it would block the page past the 50 ms of a long task.
 */
const MHTML_MAX_ELEMENTS = 25_000;

export class TabCapturer {
  private lock: Promise<unknown> = Promise.resolve();
  private lastCapture = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: CaptureDeps) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** The capture of a tab showing `report`, or null when it cannot be seen (in the background, navigated away). */
  capture(tabId: number, report: PageReport, opts: CaptureOptions): Promise<StoredCapture | null> {
    const run = this.lock.then(() => this.captureNow(tabId, report, opts));
    this.lock = run.catch(() => {});
    return run;
  }

  /**
   * The visible screen of a tab as it is (a recorded flow's step), or null when the tab is not in
   * front of its window or no longer shows `url`. Shares the lock and the rate limit with capture().
   */
  screen(tabId: number, url: string): Promise<string | null> {
    const run = this.lock.then(async () => {
      const tab = await this.deps.getTab(tabId);
      if (!tab || !tab.active || tab.url !== url) return null;
      const shot = await this.shoot(tab.windowId);
      const after = await this.deps.getTab(tabId);
      return after?.active && after.url === url ? shot : null;
    });
    this.lock = run.catch(() => {});
    return run;
  }

  private async captureNow(tabId: number, report: PageReport, opts: CaptureOptions): Promise<StoredCapture | null> {
    const numbers = numberControls(report);
    const selectors = report.controls
      .filter((c) => numbers.has(c.id))
      .map((c) => ({ n: numbers.get(c.id)!, controlId: c.id, selector: c.selector }))
      .sort((a, b) => a.n - b.n);
    let tab: TabInfo | null = null;
    let facts: PageFacts | null = null;
    let shot = '';
    // When tabs may be brought forward, another tab coming to the front mid-capture (the audit opening
    // its next page) only means trying again.
    const attempts = opts.activate ? 4 : 1;
    for (let attempt = 0; attempt < attempts && !facts; attempt++) {
      tab = await this.deps.getTab(tabId);
      if (!tab || tab.url !== report.url) return null;
      if (!tab.active) {
        if (!opts.activate) return null;
        await this.deps.activate(tabId);
        await this.sleep(150); // let the tab paint before it is captured
      }
      const measured = PageFacts.parse(unwrap(await this.deps.sendToTab(tabId, { type: 'evidence-facts', controls: selectors })));
      try {
        shot = await this.shoot(tab.windowId);
      } catch (e) {
        // The tab in front changed under us (to a page we may not capture): try again.
        if (attempt + 1 < attempts) continue;
        throw e;
      }
      // The user may have switched tabs or left the page while the screen was being taken.
      const after = await this.deps.getTab(tabId);
      if (after?.url !== report.url) return null;
      if (after.active) facts = measured;
    }
    if (!tab || !facts) return null;

    const vp = facts.viewport;
    const image = await decodePng(shot);
    const scale = image.width / vp.width;
    const viewAnnotated = annotate(image, facts.boxes, { x: vp.scrollX, y: vp.scrollY }, scale);
    let full: OffscreenCanvas | null = null;
    let fullNote: string | undefined;
    if (facts.pageHeight <= vp.height + 2) fullNote = report.language === 'zh' ? '页面在一屏之内' : 'the page fits on one screen';
    else if (!opts.fullPage) fullNote = report.language === 'zh' ? '保存时未滚动截取整页（导出时可截取）' : 'the whole page is captured on export, not when a report is saved';
    else {
      const stitched = await this.wholePage(tabId, tab.windowId, facts, image, scale);
      if (!stitched.scrolled)
        fullNote =
          report.language === 'zh' ? '页面无法滚动（例如被弹窗锁定），整页截图即为屏幕截图' : 'the page would not scroll (a dialog may lock it): the screenshot is all there is';
      else full = annotate(stitched.canvas, facts.boxes, { x: 0, y: 0 }, scale);
      if (full && stitched.capped) fullNote = report.language === 'zh' ? '页面过长，整页截图只包含前面部分' : 'the page is very long: the whole-page shot shows its top part only';
    }
    const crops: StoredCapture['crops'] = [];
    for (const b of facts.boxes) {
      const part = crop(viewAnnotated, b, { x: vp.scrollX, y: vp.scrollY }, scale) ?? (full ? crop(full, b, { x: 0, y: 0 }, scale) : null);
      if (part) crops.push({ n: b.n, controlId: b.controlId, dataUrl: await encodePng(part) });
    }
    const mhtml = await this.mhtml(tabId, report.language === 'zh', facts.elements);
    const capturedAt = new Date(this.now());
    return {
      formatVersion: 1,
      scannedAt: report.scannedAt,
      capturedAt: capturedAt.toISOString(),
      utcOffsetMinutes: -capturedAt.getTimezoneOffset(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? '',
      browser: this.deps.browser,
      extensionVersion: this.deps.extensionVersion,
      viewport: vp,
      pageHeight: facts.pageHeight,
      boxes: facts.boxes,
      screenshot: await encodePng(viewAnnotated),
      full: full ? await encodePng(full) : null,
      ...(fullNote ? { fullNote } : {}),
      crops,
      text: facts.text,
      ...mhtml,
    };
  }

  /** captureVisibleTab, spaced out to stay under the browser's rate limit (retried once if hit). */
  private async shoot(windowId: number): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const wait = this.lastCapture + CAPTURE_GAP_MS - this.now();
      if (wait > 0) await this.sleep(wait);
      this.lastCapture = this.now();
      try {
        return await this.deps.captureVisibleTab(windowId);
      } catch (e) {
        if (attempt > 0 || !/MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(e))) throw e;
        await this.sleep(1000);
      }
    }
  }

  private async wholePage(
    tabId: number,
    windowId: number,
    facts: PageFacts,
    first: ImageBitmap,
    scale: number,
  ): Promise<{ canvas: OffscreenCanvas; capped: boolean; scrolled: boolean }> {
    const vp = facts.viewport;
    const maxCss = Math.min(facts.pageHeight, vp.height * MAX_SLICES, Math.floor(MAX_CANVAS_PX / scale));
    const slices: { image: ImageBitmap; scrollY: number }[] = [];
    try {
      for (let y = 0; y < maxCss; y += vp.height) {
        const pos = ScrollPosition.parse(unwrap(await this.deps.sendToTab(tabId, { type: 'evidence-scroll', x: vp.scrollX, y })));
        // A page that will not scroll further (a dialog locks it, the end was reached early).
        if (slices.length && pos.scrollY <= slices[slices.length - 1].scrollY) break;
        if (pos.scrollY === vp.scrollY && pos.scrollX === vp.scrollX) slices.push({ image: first, scrollY: pos.scrollY });
        else {
          await this.sleep(100); // a frame or two for the page to paint at its new position
          slices.push({ image: await decodePng(await this.shoot(windowId)), scrollY: pos.scrollY });
        }
        if (pos.scrollY + vp.height >= facts.pageHeight) break;
      }
    } finally {
      await this.deps.sendToTab(tabId, { type: 'evidence-scroll', x: vp.scrollX, y: vp.scrollY }).catch(() => {});
    }
    const reached = Math.min(maxCss, slices[slices.length - 1].scrollY + vp.height);
    return { canvas: stitch(slices, reached, scale), capped: reached < facts.pageHeight, scrolled: slices.length > 1 };
  }

  private async mhtml(tabId: number, zh: boolean, elements: number): Promise<{ mhtml: string | null; mhtmlNote?: string }> {
    if (!this.deps.saveMhtml)
      return { mhtml: null, mhtmlNote: zh ? '此浏览器无法将页面保存为 MHTML（没有 pageCapture）' : 'this browser cannot save pages as MHTML (no pageCapture)' };
    if (elements > MHTML_MAX_ELEMENTS)
      return {
        mhtml: null,
        mhtmlNote: zh
          ? `页面有 ${elements} 个元素，保存为 MHTML 会让页面卡顿，未保存（截图和文字仍已保存）`
          : `the page has ${elements} elements: saving it as MHTML would stall the page, so it was not saved (the screenshots and text were)`,
      };
    let error: unknown = null;
    // Chromium sometimes refuses a page that has only just loaded (NotFoundError): one more try.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const text = await this.deps.saveMhtml(tabId);
        if (text.length > MAX_MHTML_CHARS) return { mhtml: null, mhtmlNote: zh ? 'MHTML 过大，未保存' : 'the MHTML was too large to keep' };
        return { mhtml: text };
      } catch (e) {
        error = e;
        await this.sleep(500);
      }
    }
    return { mhtml: null, mhtmlNote: `${zh ? '保存 MHTML 失败' : 'saving the MHTML failed'}: ${String(error).slice(0, 200)}` };
  }
}

/** The content script answers `{ ok, data }`. */
function unwrap(reply: unknown): unknown {
  const r = reply as { ok?: boolean; data?: unknown; error?: string } | undefined;
  if (!r || r.ok !== true) throw new Error(r?.error ?? 'no answer from the page');
  return r.data;
}
