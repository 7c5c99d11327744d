import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { scanPageInSlices } from '../src/scan-page';
import { serialScans } from '../src/content/serial';
import { animationsSettled } from '../src/content/settle';
import { ContentMessage, type ScanStatus } from '../src/messages';
import { watchForChanges } from '../src/content/watch';
import { LATE_SHADOW_CHECKS_MS, lookAfterClicks, newShadowRoots } from '../src/content/late-shadows';
import { isClosed, readHostRoot } from '../src/content/closed-roots';
import { mayEndDifferently } from '../src/engine/precheck';
import { yieldToPage } from '../src/engine/scan-timing';
import { bundledLexicon } from '../src/rules/word-lists';
import { createSiteGate } from '../src/content/site-gate';
import { highlight } from '../src/content/highlight';
import { pageFacts, scrollPage } from '../src/content/page-facts';
import { captureFlow } from '../src/content/flow-capture';
import { pendingEntry } from '../src/flows/pending';
import { exitSurveyQuestion } from '../src/flows/survey';
import { reportJson, sendReport, type SentReport } from '../src/content/report-send';
import { whenIdle } from '../src/content/when-idle';
import { askBackground } from '../src/content/ask-background';
import { phaseMark } from '../src/engine/phase-mark';
import type { PageReport } from '../src/report/schema';
import type { TextIndex, WalkChanges } from '../src/engine/page-text';

/**
 * The last scan's walk brought up to date with the changes since, or undefined: none kept, or it says
 * the page must be walked anew, or it failed (a walk half brought up to date is never used).
 */
function carriedOver(walk: TextIndex | null, since: WalkChanges): TextIndex | undefined {
  try {
    return walk?.carryOver(since) ? walk : undefined;
  } catch (e) {
    console.warn('[fair-exit] the last walk could not take in the changes; the page is read afresh', e);
    return undefined;
  }
}

/** Longest wait for a dialog's entrance animation before measuring it. */
const ANIMATION_WAIT_MS = 1000;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  allFrames: false,
  noScriptStartedPostMessage: true,
  main(ctx) {
    let seq = 0;
    let skipped = false;
    let latest: PageReport | null = null;
    let changes = 0;
    let droppedLast = false;
    // The last report sent: a scan that finds the same sends a few bytes instead (scan-same).
    let lastSent: SentReport | null = null;
    // The last scan's walk of the page's text, while it was measured: a scan after changes reads the
    // text from it, brought up to date (engine/scan.ts ScanOptions.walk, TextIndex.carryOver), and
    // the texts of the elements nothing changed inside.
    let lastWalk: TextIndex | null = null;
    // "Scan again" (the popup, the audit) and shadow roots found late read the page afresh.
    let fresh = true;
    const gate = createSiteGate(browser.storage, location.hostname);
    // A first scan asks the background's warm lexicon what this page's own would answer cold
    // (src/engine/elsewhere.ts): the pre-check's questions while it is not ready, text blocks' texts
    // until a scan has measured the page.
    const background = askBackground((msg) => browser.runtime.sendMessage(msg));
    let measured = false;
    const scanAndSend = serialScans(async () => {
      phaseMark('site gate');
      // The user turned scanning off for this site: do not read the page at all (nor keep what was read).
      if (!(await gate.mayScan())) {
        lastWalk = null;
        return;
      }
      phaseMark('animations');
      await animationsSettled(document, ANIMATION_WAIT_MS);
      try {
        const { structure, ...since } = watcher.takeChanges();
        const changesBefore = changes;
        // The last walk takes in the nodes added, removed and edited since (or says the page must be walked anew).
        const walk = structure || fresh ? undefined : carriedOver(lastWalk, since);
        fresh = false;
        lastWalk = null;
        phaseMark('start');
        const elsewhere = measured ? { precheck: background.precheck } : background;
        // Shadow roots are watched from the moment the scan has read the page, not from its end: a first
        // scan waits for the background's answers, and a root filled meanwhile must ask for another scan.
        const onRead = (hosts: readonly Element[]) => {
          for (const host of hosts) if (host.shadowRoot) watcher.observe(host.shadowRoot);
        };
        // Closed roots found so far (the looks for late roots, what covered a scan's controls): the scan enters them as it does open ones.
        closedRoots = closedRoots.filter((root) => root.host.isConnected);
        const { report, snapshot, stats } = await scanPageInSlices(document, { walk, elsewhere, onRead, closedRoots });
        phaseMark('after scan');
        skipped = stats.skipped;
        measured ||= !skipped;
        if (!skipped) lastWalk = snapshot.walk ?? null;
        // A shadow root that covers what the scan measured, but that the scan did not read (attached
        // while it ran, which no observer sees, or attached closed): a retention dialog would be taken
        // for what hides the way out. It is read by a new scan, at once.
        const unread = unreadRoots(snapshot.coveringElements?.() ?? []);
        if (unread.length > 0) {
          takeRoots(unread);
          fresh = true;
          void scanAndSend();
        }
        // The page changed between two slices: the report mixes two states of the page, and the
        // change has already asked for a new scan. (Every other one is kept, so a page that never
        // stops changing still gets reports.)
        if ((changes !== changesBefore || unread.length > 0) && !droppedLast) {
          droppedLast = true;
          return;
        }
        droppedLast = false;
        latest = report;
        for (const root of snapshot.shadowRoots?.() ?? []) watcher.observe(root);
        if (!skipped && !lateChecks) {
          lateChecks = LATE_SHADOW_CHECKS_MS.map((ms) => setTimeout(() => void lookForLateShadowRoots(), ms));
          stopClickLooks = lookAfterClicks(document, () => void lookForLateShadowRoots());
        }
        // A recorded flow counts an exit survey on the way as a retention screen (docs/flows.md).
        // The text the scan read serves when the page has not changed since (no question: no survey), and its walk gives the text to look for the question in.
        const unchanged = changes === changesBefore;
        const survey =
          unchanged && snapshot.noExitSurvey
            ? null
            : exitSurveyQuestion(document, bundledLexicon(), unchanged ? snapshot.pageText : undefined, unchanged ? snapshot.textUpTo : undefined);
        // Sending copies the whole report: tasks of its own, not the end of the scan's last slice.
        await yieldToPage();
        // As JSON text: Chromium copies one string faster than the report's thousands of fields. A large
        // report is made and sent in parts, each in a task of its own; one the same as the last sent is
        // not sent again (src/content/report-send.ts).
        const json = await reportJson(report, yieldToPage);
        const mine = ++seq;
        const scan = { seq: mine, url: report.url, scannedAt: report.scannedAt, scanMs: report.scanMs, survey };
        lastSent = await sendReport(json, scan, lastSent, (msg) => browser.runtime.sendMessage(msg), yieldToPage);
        // zod makes a schema at its first parse (ContentMessage is lazy, out of the script's start): 3-5 ms of
        // cold code that the first "scan again" paid. Made once the page is idle after the first scan.
        phaseMark('(end)');
        if (mine === 1) whenIdle(window, () => void ContentMessage.safeParse({ type: 'rescan' }));
      } catch (e) {
        console.warn('[fair-exit] scan failed', e);
      }
    });
    // Clicks are captured only while this tab records a flow (the popup's record buttons, --flow).
    let tabId = -1;
    const flow = captureFlow(document, {
      // Through storage, not a message: see src/flows/pending.ts.
      send: (action) => void browser.storage.local.set(pendingEntry(tabId, action)).catch(() => {}),
      latestReport: () => latest,
      lexicon: bundledLexicon,
    });
    void browser.runtime
      .sendMessage({ type: 'flow-status' })
      .then((reply: { ok?: boolean; data?: { recording?: boolean; tabId?: number } }) => {
        if (reply?.ok !== true || typeof reply.data?.tabId !== 'number') return;
        tabId = reply.data.tabId;
        flow.setRecording(reply.data.recording === true);
      })
      .catch(() => {});
    // A page that ended at the pre-check is scanned again only when new text speaks of plans.
    const matters = (added: () => string) => {
      const yes = !skipped || mayEndDifferently(bundledLexicon(), added());
      if (yes) changes++;
      return yes;
    };
    const watcher = watchForChanges(document, () => void scanAndSend(), { matters });
    let lateChecks: ReturnType<typeof setTimeout>[] | null = null;
    let stopClickLooks: (() => void) | null = null;
    let closedRoots: ShadowRoot[] = [];
    /** The shadow roots (open, or closed where the browser lets this script read them) of these elements that are not watched yet. */
    const unreadRoots = (elements: Iterable<Element>) =>
      [...new Set([...elements].map(readHostRoot))].filter((root): root is ShadowRoot => root !== null && !watcher.observes(root));
    /** Watched from now on; a closed one is handed to every scan. */
    const takeRoots = (roots: ShadowRoot[]) => {
      for (const root of roots) {
        watcher.observe(root);
        if (isClosed(root)) closedRoots.push(root);
      }
    };
    const lookForLateShadowRoots = async () => {
      const roots = await newShadowRoots(document, watcher.observes);
      if (roots.length === 0) return;
      takeRoots(roots);
      fresh = true;
      void scanAndSend();
    };
    void scanAndSend();
    ctx.onInvalidated(() => {
      watcher();
      for (const t of lateChecks ?? []) clearTimeout(t);
      stopClickLooks?.();
      flow.stop();
    });
    browser.runtime.onMessage.addListener((raw: unknown) => {
      phaseMark('message');
      const msg = ContentMessage.safeParse(raw);
      if (!msg.success) return undefined;
      if (msg.data.type === 'rescan') {
        fresh = true;
        void scanAndSend();
      }
      if (msg.data.type === 'settings-changed') gate.refresh();
      if (msg.data.type === 'scan-status') {
        const status: ScanStatus = { settled: skipped && lateChecks === null && !scanAndSend.busy() && !watcher.pending() };
        return Promise.resolve({ ok: true, data: status });
      }
      if (msg.data.type === 'flow-record') {
        tabId = msg.data.tabId;
        flow.setRecording(msg.data.on);
      }
      // The popup asks to outline a finding's controls; the reply says how many were found.
      if (msg.data.type === 'highlight') return Promise.resolve({ ok: true, data: highlight(document, msg.data.selectors) });
      // The background captures evidence: where the flagged controls are, the text, scrolling for a whole-page shot.
      if (msg.data.type === 'evidence-facts') return Promise.resolve({ ok: true, data: pageFacts(document, msg.data.controls) });
      if (msg.data.type === 'evidence-scroll') return Promise.resolve({ ok: true, data: scrollPage(document, msg.data.x, msg.data.y) });
      return undefined;
    });
  },
});
