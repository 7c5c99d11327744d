/**
 * index.html: the survey as one self-contained page a journalist can publish. No script, no
 * external resource: a strict CSP in a meta tag, inline styles and an inline SVG chart. Every string
 * that comes from a page (titles, URLs, control texts, messages) is escaped.
 */
import { escapeHtml as esc } from '../report/escape-html';
import type { FlowReport, RuleId } from '../report/schema';
import { pageKey, type FindingRef } from './compare';
import { formatRatio, PAGE_RULES, ruleTotals, VERDICT_LABEL, type Row, type Survey } from './survey';

export const INDEX_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const RULE_TITLES: Record<RuleId, string> = {
  'asymmetric-prominence': 'The way to stay is far louder than the way out',
  'hidden-exit': 'The way out is hidden (collapsed, tiny, faint, covered, far below)',
  'missing-exit': 'Upgrade or renew controls, no way to downgrade or cancel',
  'forced-contact': 'Leaving requires calling, chatting, emailing or a visit',
  'restricted-window': 'Leaving is allowed only at certain times',
  'delayed-effect': 'Leaving takes effect later, upgrading at once',
  'loss-framing': 'The way out warns of losses',
  confirmshaming: 'The decline option is worded to shame',
  'preselected-renewal': 'Auto-renewal ticked for you, or renewal terms in fine print',
  'upgrade-pressure': 'Countdowns, "today only" or scarcity next to an upgrade',
  'flow-asymmetry': 'Leaving takes more steps than joining',
};

export { esc };

/** A relative link to a bundle folder (names are made by the audit, but encode them anyway). */
function folderHref(folder: string): string {
  return `${folder.split('/').filter(Boolean).map(encodeURIComponent).join('/')}/`;
}

/** A link to an audited page; none for a local file's loopback URL, which died with the run. */
function httpHref(url: string): string | null {
  try {
    const u = new URL(url);
    if (pageKey(url).startsWith('local:')) return null;
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function chart(s: Survey): string {
  const totals = ruleTotals(s.rows);
  const audited = s.rows.filter((r) => r.status === 'ok' && r.sameAs === undefined).length;
  const max = Math.max(1, audited);
  const labelW = 190;
  const barW = 380;
  const rowH = 26;
  const h = totals.length * rowH + 30;
  const bars = totals
    .map((t, i) => {
      const y = i * rowH + 6;
      const w = Math.round((t.pages / max) * barW);
      return [
        `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" font-size="13">${esc(t.rule)}</text>`,
        `<rect x="${labelW}" y="${y}" width="${barW}" height="${rowH - 8}" fill="#eef0f3"/>`,
        t.pages
          ? `<rect x="${labelW}" y="${y}" width="${w}" height="${rowH - 8}" fill="#b3261e"><title>${esc(`${t.rule}: ${t.pages} page(s), ${t.violations} violation(s)`)}</title></rect>`
          : '',
        `<text x="${labelW + barW + 8}" y="${y + 15}" font-size="13">${t.pages} page${t.pages === 1 ? '' : 's'} · ${t.violations} violation${t.violations === 1 ? '' : 's'}</text>`,
      ].join('');
    })
    .join('\n');
  const axisY = totals.length * rowH + 18;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${labelW + barW + 190} ${h}" role="img" aria-labelledby="chart-title">
<title id="chart-title">Pages with at least one violation of each rule, out of ${audited} audited</title>
<g font-family="system-ui, sans-serif" fill="#1f2328">
${bars}
<text x="${labelW}" y="${axisY}" font-size="11" fill="#57606a">0</text>
<text x="${labelW + barW}" y="${axisY}" font-size="11" text-anchor="end" fill="#57606a">${audited} page${audited === 1 ? '' : 's'}</text>
</g>
</svg>`;
}

const findingItem = (tag: string, f: FindingRef) =>
  `<li class="${tag === 'NEW' ? 'new' : 'fixed'}"><b>${tag}</b> <code>${esc(f.rule)}</code>${f.verdict === 'needs-review' ? ' (to review)' : ''}: ${esc(f.message)}</li>`;

function rowHtml(r: Row, compare: boolean, files: string[]): string {
  const href = httpHref(r.url);
  const page = [
    r.title ? `<div class="title">${esc(r.title)}</div>` : '',
    href ? `<div class="url"><a href="${esc(href)}" rel="noreferrer noopener">${esc(r.url)}</a></div>` : '',
    r.target && r.target !== r.url ? `<div class="target">${esc(r.target)}</div>` : '',
  ].join('');
  const rules = PAGE_RULES.filter((rule) => r.byRule[rule] > 0)
    .map((rule) => `<li title="${esc(RULE_TITLES[rule])}"><code>${esc(rule)}</code>${r.byRule[rule] > 1 ? ` ×${r.byRule[rule]}` : ''}</li>`)
    .join('');
  const sal = r.salience;
  const salience =
    r.status !== 'ok'
      ? ''
      : sal.ratio !== null
        ? `<span class="ratio${sal.ratio >= 3 ? ' loud' : ''}">${esc(formatRatio(sal.ratio))}</span><div class="ctl">“${esc(sal.stay!.text)}” ${esc(sal.stay!.salience)} / “${esc(sal.exit!.text)}” ${esc(sal.exit!.salience)}</div>`
        : `<span class="muted">${sal.stay ? 'no exit control' : sal.exit ? 'no stay control' : 'no plan controls'}</span>`;
  let changes = '';
  if (compare) {
    if (!r.change) changes = '<td></td>';
    else {
      const items = [...r.change.added.map((f) => findingItem('NEW', f)), ...r.change.fixed.map((f) => findingItem('FIXED', f))].join('');
      const head = r.change.page === 'new-page' ? '<span class="tag">new page</span>' : items ? '' : '<span class="muted">no change</span>';
      changes = `<td class="changes">${head}${items ? `<ul>${items}</ul>` : ''}</td>`;
    }
  }
  const folder = r.folder
    ? `<a href="${esc(folderHref(r.folder))}">${esc(r.folder)}/</a>${files.map((f) => `<div><a href="${esc(folderHref(r.folder!) + encodeURIComponent(f))}">${esc(f)}</a></div>`).join('')}`
    : '';
  return `<tr class="v-${esc(r.verdict)}">
<td class="n">${r.n}</td>
<td class="page">${page}</td>
<td><span class="verdict">${esc(VERDICT_LABEL[r.verdict])}</span>${r.reason ? `<div class="reason">${esc(r.reason)}</div>` : ''}</td>
<td class="viol"><b>${r.status === 'ok' ? r.violations : ''}</b>${rules ? `<ul class="rules">${rules}</ul>` : ''}</td>
<td class="num">${r.status === 'ok' ? r.review : ''}</td>
<td class="sal">${salience}</td>
${changes}<td class="folder">${folder}</td>
</tr>`;
}

/** `filesOf(folder)`: the files of a page folder to link (see out.ts linkedFiles). */
function pathCell(p: FlowReport['paths']['join']): string {
  return `${p.completed ? '' : '<b>not completed</b> · '}${p.clicks} click${p.clicks === 1 ? '' : 's'} · ${p.pages} page${p.pages === 1 ? '' : 's'} · ${p.interstitials} interstitial${p.interstitials === 1 ? '' : 's'}`;
}

/** The recorded ways in and out (--flow), one row per flow. */
function flowsSection(flows: FlowReport[]): string {
  if (flows.length === 0) return '';
  const rows = flows.map((f) => {
    const findings = f.findings.map((x) => `<li><code>${esc(x.rule)}</code>${x.verdict === 'needs-review' ? ' (to review)' : ''}: ${esc(x.message)}</li>`).join('');
    return `<tr><td class="title">${esc(f.name)}</td><td>${pathCell(f.paths.join)}</td><td>${pathCell(f.paths.exit)}</td><td>${findings ? `<ul>${findings}</ul>` : '<span class="muted">no findings</span>'}</td></tr>`;
  });
  return `<section>
<h2>Ways in and out (recorded flows)</h2>
<table>
<thead><tr><th>Flow</th><th>Way in</th><th>Way out</th><th>Findings</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

export function surveyHtml(s: Survey, filesOf: (folder: string) => string[] = () => []): string {
  const rows = s.rows;
  const compare = s.comparison !== null;
  const count = (v: Row['verdict']) => rows.filter((r) => r.verdict === v).length;
  const audited = rows.filter((r) => r.status === 'ok').length;
  const meta = s.meta;
  const facts = [
    `${rows.length} target${rows.length === 1 ? '' : 's'}, ${audited} audited`,
    `${count('violations')} with violations`,
    `${count('needs-review')} to review only`,
    `${count('no-findings')} without findings`,
    count('not-a-plan-page') ? `${count('not-a-plan-page')} not plan pages` : '',
    count('failed') ? `${count('failed')} failed` : '',
  ].filter(Boolean);
  const notes: string[] = [];
  if (meta?.interrupted) notes.push(`<p class="warn">This run was stopped before it finished: ${count('not-run')} target(s) were not audited.</p>`);
  if (meta?.shard) notes.push(`<p>Shard ${esc(meta.shard)} of a larger list.</p>`);
  if (s.comparison) {
    const added = rows.reduce((n, r) => n + (r.change?.added.length ?? 0), 0);
    const fixed = rows.reduce((n, r) => n + (r.change?.fixed.length ?? 0), 0);
    const newPages = rows.filter((r) => r.change?.page === 'new-page').length;
    notes.push(
      `<p>Compared with an earlier audit${meta?.compare ? ` (<code>${esc(meta.compare)}</code>)` : ''}: <b>${added}</b> new finding(s), <b>${fixed}</b> fixed, ${newPages} page(s) not in the earlier audit${
        s.comparison.missing.length ? `, ${s.comparison.missing.length} page(s) of the earlier audit not audited this time` : ''
      }.</p>`,
    );
  }
  const when = meta?.startedAt ? ` on ${esc(meta.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(INDEX_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fair Exit survey: ${rows.length} target${rows.length === 1 ? '' : 's'}</title>
<style>
  body { font-family: system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: #1f2328; margin: 0 auto; max-width: 1200px; padding: 24px; line-height: 1.45; }
  h1 { font-size: 26px; margin: 0 0 4px; }
  h2 { font-size: 19px; margin: 28px 0 8px; }
  .facts { color: #444; }
  .warn { background: #fff4e5; border-left: 4px solid #b86e00; padding: 8px 12px; }
  .chart { width: 100%; max-width: 780px; height: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { border-bottom: 1px solid #d8dee4; padding: 8px 6px; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; position: sticky; top: 0; }
  td.n, td.num { text-align: right; white-space: nowrap; }
  td.viol { white-space: nowrap; }
  .title { font-weight: 600; }
  .url, .target { font-size: 12px; color: #57606a; word-break: break-all; }
  .verdict { font-weight: 600; white-space: nowrap; }
  tr.v-violations .verdict { color: #b3261e; }
  tr.v-needs-review .verdict { color: #8a5300; }
  tr.v-no-findings .verdict { color: #1a7f37; }
  tr.v-failed .verdict, tr.v-not-run .verdict, .muted { color: #6e7781; }
  .reason { font-size: 12px; color: #6e7781; }
  ul { margin: 4px 0 0; padding-left: 18px; }
  ul.rules { list-style: none; padding: 0; text-align: left; }
  .ratio { font-weight: 700; font-size: 16px; }
  .ratio.loud { color: #b3261e; }
  .ctl { font-size: 12px; color: #57606a; }
  .changes li.new b { color: #b3261e; }
  .changes li.fixed b { color: #1a7f37; }
  .tag { background: #ddf4ff; border-radius: 4px; padding: 1px 6px; font-size: 12px; }
  code { font-size: 12px; }
  footer { margin-top: 32px; font-size: 12px; color: #6e7781; }
</style>
</head>
<body>
<header>
<h1>Fair Exit survey</h1>
<p class="facts">${facts.join(' · ')}. Audited with ${esc(s.tool.name)} ${esc(s.tool.version)}${when}.</p>
${notes.join('\n')}
</header>
<section>
<h2>Violations by rule</h2>
${chart(s)}
</section>
<section>
<h2>Targets</h2>
<table>
<thead><tr><th>#</th><th>Page</th><th>Verdict</th><th>Violations</th><th>To review</th><th>Stay / exit salience</th>${compare ? '<th>Since the earlier audit</th>' : ''}<th>Evidence</th></tr></thead>
<tbody>
${rows.map((r) => rowHtml(r, compare, r.folder ? filesOf(r.folder) : [])).join('\n')}
</tbody>
</table>
</section>
${flowsSection(s.flows)}
<section>
<h2>How to read this</h2>
<p><b>Stay / exit salience</b>: the salience (0–100) of the loudest upgrade or keep control divided by that of the loudest downgrade or cancel control on the page; 3 or more is marked. “inf” means the exit scores 0.</p>
<p><b>To review</b>: findings the extension could not decide (for example contrast over a gradient); they are not counted as violations.</p>
<dl>
${PAGE_RULES.map((r) => `<dt><code>${esc(r)}</code></dt><dd>${esc(RULE_TITLES[r])}</dd>`).join('\n')}
</dl>
</section>
<footer>The whole audit: <a href="audit.json">audit.json</a> · the table for a spreadsheet: <a href="summary.csv">summary.csv</a>. Each page's files are in its evidence folder.</footer>
</body>
</html>
`;
}
