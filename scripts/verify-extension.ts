/**
 * Checks the "Done when" of issues 5 and 6 on labelled pages, in system Chromium with the built
 * extension and one persistent profile:
 *
 *  - badge (issue 5): each page is visited in a tab; once the scan has settled the tab's badge is
 *    read through the service worker. A page labelled unfair (fair-exit-expect non-empty) should show
 *    a count, a fair one (empty label) nothing. The badge is also compared with the violations of the
 *    report the background holds, so a rule miss and a badge bug are told apart.
 *  - popup (issue 6): for every page with violations, every labelled unfair page and every page with
 *    "hostile" in its name, popup.html?tab=ID is opened: it must list each finding of the report
 *    (li.finding[data-finding=id], violations marked as such, with the rule's name and the message),
 *    axe-core must find nothing (collapsed, then with every finding and "What was checked" open), and
 *    on hostile pages nothing from the page may be injected (no <img>/<script>/<iframe>, no on*
 *    attribute, no dialog, no CSP violation, no window.__pwned) while markup-like labels are shown
 *    literally.
 *  - history (issue 5): the browser is closed and started again with the same profile; history.html
 *    must list, in its rendered DOM, the URL of every page that showed a badge count.
 *
 *   npx tsx scripts/verify-extension.ts FOLDER_OR_FILE... [--json]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { currentWorker, ensureBuilt, launchWithExtension, type ExtensionBrowser } from '../src/audit/browser';
import { collectOn } from '../src/audit/collect';
import { LocalServer } from '../src/audit/server';
import type { PageReport } from '../src/report/schema';
import { cleanText, LABEL_MAX, MESSAGE_MAX } from '../src/ui/text';
import { badgeOf, tabIdOf, waitFor } from '../tests/browser/background-helpers';
import { openPopup, runAxe, type AxeViolation } from '../tests/browser/popup-helpers';

type Labels = { expect: string[] | null };
function labelsOf(html: string): Labels {
  const m = /<meta\s+name="fair-exit-expect"\s+content="([^"]*)"/i.exec(html);
  return { expect: m ? m[1].split(/\s+/).filter(Boolean).sort() : null };
}

function htmlFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((n) => (statSync(join(path, n)).isDirectory() ? htmlFiles(join(path, n)) : n.endsWith('.html') ? [join(path, n)] : []));
}

/** A ticking countdown rescans the page: the popup may show a newer report than the one taken. */
const blankNumbers = (s: string) => s.replace(/\d+(?:[.,:]\d+)*/g, '#');

type PopupCheck = {
  verdict: string;
  /** Findings of the report the popup does not list (by id), or lists wrongly. */
  missing: string[];
  violationsListed: number;
  axe: { state: string; violations: AxeViolation[] }[];
  hostile?: { injected: string[]; dialogs: string[]; csp: string[]; pwned: boolean; labels: number; notLiteral: string[] };
  error?: string;
};

type Row = {
  page: string;
  url: string;
  expect: string[] | null;
  kind: 'unfair' | 'fair' | 'unlabelled';
  violations: string[];
  needsReview: number;
  badge: string;
  badgeMatchesReport: boolean;
  badgeOk: boolean | null;
  inHistory?: boolean;
  popup?: PopupCheck;
  /** Time taken: the scan to settle and the badge read, then the popup checks. */
  ms?: { scan: number; popup: number };
  error?: string;
};

const args = process.argv.slice(2);
const json = args.includes('--json');
const files = args.filter((a) => !a.startsWith('--')).flatMap((d) => htmlFiles(resolve(d)));
if (!files.length) {
  console.error('usage: npx tsx scripts/verify-extension.ts FOLDER_OR_FILE... [--json]');
  process.exit(2);
}
const log = (s: string) => {
  if (!json) console.log(s);
};

ensureBuilt((s) => log(s));
const server = new LocalServer();
await server.start();
const profileDir = mkdtempSync(join(tmpdir(), 'fair-exit-verify-'));
const rows: Row[] = [];
const started = Date.now();

/** Markup-like page text a hostile page puts in its labels (taken from the report the popup renders). */
const HOSTILE_TEXT = /[<>]|\bon\w+\s*=|[\u202A-\u202E\u2066-\u2069]/;

async function checkPopup(b: ExtensionBrowser, popup: Page, tabId: number, report: PageReport, hostile: boolean, pageTab: Page): Promise<PopupCheck> {
  const dialogs: string[] = [];
  const onDialog = (d: { message: () => string; dismiss: () => Promise<void> }) => {
    dialogs.push(d.message());
    void d.dismiss().catch(() => {});
  };
  popup.on('dialog', onDialog);
  pageTab.on('dialog', onDialog);
  try {
    await openPopup(b, tabId, popup);
    const verdict = (await popup.locator('h1').innerText()).trim();
    const listed = await popup.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('li.finding')].map((li) => ({
        id: li.dataset.finding ?? '',
        violation: li.classList.contains('violation'),
        rule: li.querySelector('.rule-name')?.textContent ?? '',
        message: li.querySelector('.message')?.textContent ?? '',
      })),
    );
    const missing: string[] = [];
    for (const f of report.findings) {
      const li = listed.find((l) => l.id === f.id);
      const why = !li
        ? 'not listed'
        : li.violation !== (f.verdict === 'violation')
          ? 'wrong verdict'
          : !li.rule.trim()
            ? 'no rule name'
            : blankNumbers(li.message) !== blankNumbers(cleanText(f.message, MESSAGE_MAX))
              ? 'message differs'
              : '';
      if (why) missing.push(`${f.rule}(${f.id}): ${why}`);
    }
    const axe = [{ state: 'collapsed', violations: await runAxe(popup) }];
    // Everything open: each finding's proof and the list of controls weighed.
    for (const t of await popup.locator('button.finding-toggle').all()) if ((await t.getAttribute('aria-expanded')) !== 'true') await t.click({ timeout: 5000 });
    await popup.locator('details.checked').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    axe.push({ state: 'expanded', violations: await runAxe(popup) });
    const out: PopupCheck = { verdict, missing, violationsListed: listed.filter((l) => l.violation).length, axe };
    if (hostile) {
      const seen = await popup.evaluate(() => {
        const w = window as unknown as { __pwned?: unknown; __csp?: string[] };
        const injected: string[] = [];
        for (const e of document.querySelectorAll('*')) {
          const tag = e.tagName.toLowerCase();
          if (['img', 'iframe', 'object', 'embed', 'video', 'audio', 'svg', 'math', 'base', 'meta', 'link', 'style'].includes(tag) && !e.closest('head')) injected.push(tag);
          if (tag === 'script' && !(e as HTMLScriptElement).src) injected.push('inline script');
          for (const a of e.getAttributeNames()) if (/^on/i.test(a)) injected.push(`${tag}[${a}]`);
        }
        return { injected, text: document.body.textContent ?? '', pwned: w.__pwned !== undefined, csp: w.__csp ?? [] };
      });
      const pagePwned = await pageTab.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned !== undefined).catch(() => false);
      const labels = [report.title, ...report.controls.map((c) => c.text)].filter((s) => HOSTILE_TEXT.test(s));
      // Shown literally: the cleaned, truncated text (what quoteText and the title line render).
      const notLiteral = labels.filter((s) => !seen.text.includes(cleanText(s, LABEL_MAX))).map((s) => cleanText(s, 60));
      out.hostile = { injected: seen.injected, dialogs, csp: seen.csp, pwned: seen.pwned || pagePwned, labels: labels.length, notLiteral };
    }
    return out;
  } catch (e) {
    return { verdict: '', missing: [], violationsListed: 0, axe: [], error: (e as Error).message.split('\n')[0] };
  } finally {
    popup.off('dialog', onDialog);
    pageTab.off('dialog', onDialog);
  }
}

try {
  // ---- First session: visit every page, read its badge, check its popup. ----
  const b = await launchWithExtension({ profileDir });
  try {
    await b.context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const popup = await b.context.newPage();
    for (const f of files) {
      const name = relative(process.cwd(), f);
      const labels = labelsOf(readFileSync(f, 'utf8'));
      const kind = labels.expect === null ? 'unlabelled' : labels.expect.length ? 'unfair' : 'fair';
      const hostile = /hostile/i.test(basename(f));
      const page = await b.context.newPage();
      const url = server.urlFor(f);
      const t0 = Date.now();
      try {
        const got = await collectOn(b, page, url, 15);
        if (!got.ok) {
          rows.push({ page: name, url, expect: labels.expect, kind, violations: [], needsReview: 0, badge: '', badgeMatchesReport: false, badgeOk: false, error: got.reason });
          log(`FAIL ${name}: ${got.reason}`);
          continue;
        }
        const tabId = await tabIdOf(b, page.url());
        // The background sets the badge just after it keeps the report: wait (briefly) for it to agree.
        const heldReport = async () => (await currentWorker(b)).evaluate((id) => (globalThis as any).fairExit.tabs.get(id)?.report ?? null, tabId) as Promise<PageReport | null>;
        let report = got.report;
        let badge = '';
        try {
          const agreed = await waitFor(
            'the badge to match the report',
            async () => {
              const r = (await heldReport()) ?? report;
              return { r, b: (await badgeOf(await currentWorker(b), tabId)).text };
            },
            (x) => x.b === String(x.r.findings.filter((f) => f.verdict === 'violation').length || ''),
            3000,
          );
          report = agreed.r;
          badge = agreed.b;
        } catch {
          badge = (await badgeOf(await currentWorker(b), tabId)).text;
        }
        const violations = report.findings.filter((x) => x.verdict === 'violation').map((x) => x.rule as string);
        const badgeMatchesReport = badge === String(violations.length || '');
        const badgeOk = kind === 'unlabelled' ? null : kind === 'unfair' ? /^\d+$/.test(badge) : badge === '';
        const row: Row = {
          page: name,
          url: page.url(),
          expect: labels.expect,
          kind,
          violations,
          needsReview: report.findings.length - violations.length,
          badge,
          badgeMatchesReport,
          badgeOk,
        };
        const t1 = Date.now();
        if (violations.length || kind === 'unfair' || hostile) row.popup = await checkPopup(b, popup, tabId, report, hostile, page);
        row.ms = { scan: t1 - t0, popup: Date.now() - t1 };
        rows.push(row);
        const axeN = row.popup ? row.popup.axe.reduce((n, a) => n + a.violations.length, 0) : 0;
        const popupProblems = row.popup
          ? [...row.popup.missing, ...(row.popup.error ? [row.popup.error] : []), ...(axeN ? [`axe ${axeN}`] : []), ...hostileProblems(row.popup)]
          : [];
        log(
          `${badgeOk === false || !badgeMatchesReport || popupProblems.length ? 'BAD ' : 'ok  '} ${name}  ${kind} expect [${(labels.expect ?? []).join(' ')}] badge "${badge}" violations [${[...new Set(violations)].join(' ')}]${badgeMatchesReport ? '' : ' BADGE≠REPORT'}${row.popup ? ` popup: ${popupProblems.length ? popupProblems.join('; ') : 'ok'}` : ''}`,
        );
      } catch (e) {
        rows.push({
          page: name,
          url,
          expect: labels.expect,
          kind,
          violations: [],
          needsReview: 0,
          badge: '',
          badgeMatchesReport: false,
          badgeOk: false,
          error: (e as Error).message.split('\n')[0],
        });
        log(`FAIL ${name}: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        await page.close().catch(() => {});
      }
    }
  } finally {
    await b.close();
  }

  // ---- Second session, same profile: the history page lists every page that showed a count. ----
  const b2 = await launchWithExtension({ profileDir });
  try {
    const history = await b2.context.newPage();
    await history.goto(`chrome-extension://${b2.extensionId}/history.html`);
    await history.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
    const items = await history.locator('#reports > li').evaluateAll((lis) => lis.map((li) => li.textContent ?? ''));
    for (const r of rows) if (r.badge) r.inHistory = items.some((t) => t.includes(r.url));
    log(`\nhistory.html after restart: ${items.length} entries`);
  } finally {
    await b2.close();
  }
} finally {
  await server.stop();
  rmSync(profileDir, { recursive: true, force: true });
}

function hostileProblems(p: PopupCheck | undefined): string[] {
  const h = p?.hostile;
  if (!h) return [];
  return [
    ...h.injected.map((x) => `injected ${x}`),
    ...h.dialogs.map((d) => `dialog "${d}"`),
    ...h.csp.map((c) => `CSP ${c}`),
    ...(h.pwned ? ['window.__pwned set'] : []),
    ...(h.labels === 0 ? ['no markup-like label reached the popup'] : []),
    ...h.notLiteral.map((l) => `not literal: ${l}`),
  ];
}

const count = (f: (r: Row) => boolean) => rows.filter(f).length;
const unfair = rows.filter((r) => r.kind === 'unfair');
const fair = rows.filter((r) => r.kind === 'fair');
const withCount = rows.filter((r) => r.badge !== '');
const popups = rows.filter((r) => r.popup);
const hostile = popups.filter((r) => r.popup!.hostile);
const summary = {
  pages: rows.length,
  seconds: Math.round((Date.now() - started) / 1000),
  unfairWithBadge: `${count((r) => r.kind === 'unfair' && /^\d+$/.test(r.badge))}/${unfair.length}`,
  fairWithEmptyBadge: `${count((r) => r.kind === 'fair' && r.badge === '' && !r.error)}/${fair.length}`,
  badgeMatchesReport: `${count((r) => r.badgeMatchesReport)}/${rows.length}`,
  unfairListedInHistoryAfterRestart: `${count((r) => r.kind === 'unfair' && r.inHistory === true)}/${count((r) => r.kind === 'unfair' && r.badge !== '')}`,
  allWithCountListedInHistory: `${count((r) => r.inHistory === true)}/${withCount.length}`,
  missingFromHistory: rows.filter((r) => r.inHistory === false).map((r) => r.page),
  meanScanMs: Math.round(rows.reduce((n, r) => n + (r.ms?.scan ?? 0), 0) / Math.max(1, rows.length)),
  meanPopupCheckMs: Math.round(popups.reduce((n, r) => n + (r.ms?.popup ?? 0), 0) / Math.max(1, popups.length)),
  popupsChecked: popups.length,
  popupsListingEveryFinding: `${count((r) => !!r.popup && !r.popup.error && r.popup.missing.length === 0)}/${popups.length}`,
  popupAxeViolations: popups.reduce((n, r) => n + r.popup!.axe.reduce((m, a) => m + a.violations.length, 0), 0),
  hostilePagesClean: `${hostile.filter((r) => hostileProblems(r.popup).length === 0).length}/${hostile.length}`,
};

if (json) {
  console.log(JSON.stringify({ summary, pages: rows }, null, 2));
} else {
  console.log('\npage | kind | expected | badge | violations (rules) | in history after restart | popup');
  for (const r of rows) {
    const p = r.popup;
    const axeN = p ? p.axe.reduce((n, a) => n + a.violations.length, 0) : 0;
    const popupCell = !p
      ? '-'
      : p.error
        ? `error: ${p.error}`
        : `${p.violationsListed} listed${p.missing.length ? `, missing ${p.missing.length}` : ''}, axe ${axeN}${p.hostile ? `, hostile ${hostileProblems(p).length ? hostileProblems(p).join('; ') : `clean (${p.hostile.labels} markup labels literal)`}` : ''}`;
    console.log(
      `${basename(r.page)} | ${r.kind} | ${(r.expect ?? []).join(' ') || '-'} | ${r.badge || '(empty)'} | ${r.violations.length}${r.violations.length ? ` (${[...new Set(r.violations)].join(' ')})` : ''}${r.error ? ` ERROR ${r.error}` : ''} | ${r.inHistory === undefined ? '-' : r.inHistory ? 'yes' : 'MISSING'} | ${popupCell}`,
    );
  }
  for (const r of popups)
    for (const a of r.popup!.axe)
      for (const v of a.violations) console.log(`axe ${basename(r.page)} (${a.state}): ${v.id} ${v.impact} ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  console.log(`\n${JSON.stringify(summary, null, 1)}`);
}
