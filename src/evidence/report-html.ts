/**
 * report.html: one self-contained page a regulator can open. No script at all, a strict CSP meta
 * (nothing may load or run; only the inline style, by its hash, and the embedded PNGs), and every
 * piece of page text escaped. The page's address is shown as text, never as a link.
 */
import { escapeHtml } from '../report/escape-html';
import type { Control, Finding, PageReport } from '../report/schema';
import { sha256Base64, utf8 } from './bytes';
import { numberControls } from './numbering';
import type { StoredCapture } from './types';
import { formatWhen, ruleDescription, ruleTitle, siteOf, WORDS, type BundleLang } from './words';

export type ReportHtmlInput = {
  report: PageReport;
  capture: StoredCapture | null;
  lang: BundleLang;
  tool: { name: string; version: string };
  /** Names of the bundle's files, and the ones it lacks with the reason. */
  files: string[];
  absent: { name: string; reason: string }[];
};

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ccc; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; border: 1px solid #999; }
figcaption { color: #444; font-size: .9rem; }
.crops { display: flex; flex-wrap: wrap; gap: 1rem; }
.crops figure { margin: 0; max-width: 18rem; }
ol.findings > li { margin: 0 0 1.25rem; }
.finding h3 { font-size: 1.05rem; margin: 0; }
.sev { display: inline-block; padding: 0 .4rem; border-radius: .25rem; font-size: .85rem; background: #eee; margin-right: .4rem; }
.sev-high { background: #fdd; color: #7a0000; }
.sev-medium { background: #fec; color: #6a3d00; }
.sev-low { background: #e8eefc; color: #1c3a7a; }
.num { display: inline-block; min-width: 1.4rem; text-align: center; border-radius: 50%; background: #d93025; color: #fff; font-weight: 700; margin-right: .3rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5; padding: .5rem; font-size: .8rem; }
.muted { color: #555; }
`.trim();

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

export { escapeHtml };

/** Text of the page: escaped, and stripped of control characters that have no business in a report. */
function text(s: string): string {
  return escapeHtml(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''));
}

function img(dataUrl: string | null | undefined, alt: string): string {
  // Only our own PNG captures are embedded; anything else is left out rather than trusted.
  if (!dataUrl || !PNG_DATA_URL.test(dataUrl)) return '';
  return `<img src="${dataUrl}" alt="${text(alt)}">`;
}

export async function reportHtml(input: ReportHtmlInput): Promise<string> {
  const { report, capture, lang } = input;
  const w = WORDS[lang];
  const styleHash = await sha256Base64(utf8(STYLE));
  const csp = `default-src 'none'; img-src data:; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'`;
  const numbers = numberControls(report);
  const controls = new Map(report.controls.map((c) => [c.id, c]));
  const violations = report.findings.filter((f) => f.verdict === 'violation');
  const review = report.findings.filter((f) => f.verdict === 'needs-review');
  const offset = capture?.utcOffsetMinutes ?? 0;
  const zone = capture?.timeZone ?? 'UTC';
  const scanned = formatWhen(report.scannedAt, offset, zone);
  const site = siteOf(report.url);
  const visible = new Set(capture?.boxes.map((b) => b.controlId) ?? []);

  const finding = (f: Finding) => {
    const named = f.controls.map((id) => controls.get(id)).filter((c): c is Control => !!c);
    return `<li class="finding" data-rule="${escapeHtml(f.rule)}">
<h3><span class="sev sev-${escapeHtml(f.severity)}">${escapeHtml(w.severity[f.severity])} · ${escapeHtml(w.verdict[f.verdict])}</span>${text(ruleTitle(f.rule, lang))} <span class="muted">(${escapeHtml(f.rule)})</span></h3>
<p class="message">${text(f.message)}</p>
<p class="muted">${text(ruleDescription(f.rule, lang))}</p>
${named.length ? `<p>${escapeHtml(w.controls)}:</p><ul class="controls">${named.map((c) => controlLine(c, numbers.get(c.id), visible.has(c.id) || !capture, lang)).join('')}</ul>` : ''}
<details><summary>${escapeHtml(w.measured)}</summary><pre>${text(JSON.stringify(f.evidence, null, 2))}</pre></details>
</li>`;
  };

  const crops = capture?.crops.length
    ? `<h3>${escapeHtml(w.crops)}</h3><div class="crops">${capture.crops
        .map((c) => `<figure>${img(c.dataUrl, w.cropAlt(c.n))}<figcaption><span class="num">${c.n}</span>${text(controls.get(c.controlId)?.text ?? '')}</figcaption></figure>`)
        .join('')}</div>`
    : '';

  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(w.docTitle)} · ${text(site)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(w.docTitle)}</h1>
<dl class="meta">
<dt>${escapeHtml(w.pageTitle)}</dt><dd class="page-title">${text(report.title)}</dd>
<dt>${escapeHtml(w.url)}</dt><dd class="page-url">${text(report.url)}</dd>
<dt>${escapeHtml(w.scannedAt)}</dt><dd>${escapeHtml(scanned)}</dd>
${capture ? `<dt>${escapeHtml(w.capturedAt)}</dt><dd>${escapeHtml(formatWhen(capture.capturedAt, offset, zone))}</dd>` : ''}
${capture ? `<dt>${escapeHtml(w.browser)}</dt><dd>${text(capture.browser)}</dd>` : ''}
<dt>${escapeHtml(w.tool)}</dt><dd>${text(`${input.tool.name} ${input.tool.version}`)}${capture ? text(` (extension ${capture.extensionVersion})`) : ''}</dd>
</dl>
<h2>${escapeHtml(w.accountHeading)}</h2>
<p class="account">${text(report.findings.length ? w.account(violations.length, review.length, scanned, site) : w.accountNone(scanned, site))}</p>
<h2>${escapeHtml(w.screenshot)}</h2>
${capture ? `<figure>${img(capture.screenshot, w.screenshot)}</figure>` : `<p>${escapeHtml(w.noScreenshot)}</p>`}
${capture?.full ? `<h3>${escapeHtml(w.fullPage)}</h3><figure>${img(capture.full, w.fullPage)}</figure>` : ''}
${crops}
${violations.length ? `<h2>${escapeHtml(w.findings)}</h2><ol class="findings">${violations.map(finding).join('\n')}</ol>` : ''}
${review.length ? `<h2>${escapeHtml(w.review)}</h2><ol class="findings review">${review.map(finding).join('\n')}</ol>` : ''}
<h2>${escapeHtml(w.files)}</h2>
<ul class="files">${input.files.map((f) => `<li><code>${text(f)}</code></li>`).join('')}</ul>
${input.absent.length ? `<p>${escapeHtml(w.absent)}:</p><ul class="absent">${input.absent.map((a) => `<li><code>${text(a.name)}</code>: ${text(a.reason)}</li>`).join('')}</ul>` : ''}
<p>${escapeHtml(w.verify)}</p>
<p class="muted">${escapeHtml(w.made)}</p>
</body>
</html>
`;
}

function controlLine(c: Control, n: number | undefined, shown: boolean, lang: BundleLang): string {
  const w = WORDS[lang];
  return `<li>${n ? `<span class="num">${n}</span>` : ''}<q>${text(c.text)}</q> — ${escapeHtml(w.role[c.role])}, ${escapeHtml(w.salience)} ${c.salience}${shown ? '' : ` (${escapeHtml(w.notShown)})`} <code>${text(c.selector)}</code></li>`;
}
