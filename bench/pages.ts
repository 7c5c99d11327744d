/**
 * The benchmark's pages, generated as static HTML (no scripts): plan pages of growing size, a
 * real-looking account page, and ordinary pages that are not about plans at all.
 */

export type BenchPage = {
  name: string;
  /** What the page stands for, in the table. */
  description: string;
  /** 'plan' pages are scanned in full; 'ordinary' pages must end at the pre-check. */
  kind: 'plan' | 'ordinary';
  html: string;
};

const STYLE = `
  body { margin: 0; font: 14px/1.45 Arial, Helvetica, sans-serif; color: #222; background: #f6f7f9; }
  header, footer { background: #1d2330; color: #dfe3ea; padding: 12px 32px; }
  header a, footer a { color: #c9d1dc; margin-right: 14px; text-decoration: none; }
  main { max-width: 1100px; margin: 0 auto; padding: 16px; }
  .row { display: flex; align-items: center; gap: 10px; background: #fff; border: 1px solid #e3e6ea; border-radius: 6px; padding: 8px 12px; margin: 6px 0; }
  .row .meta { flex: 1; color: #555; }
  .row span.tag { background: #eef1f5; border-radius: 3px; padding: 0 4px; font-size: 12px; }
  .primary { background: #1565e0; color: #fff; border: 0; border-radius: 5px; padding: 8px 16px; font-weight: 700; cursor: pointer; }
  .ghost { background: none; border: 0; color: #8a8f98; font-size: 12px; cursor: pointer; }
  a.link { color: #1565e0; }
  .fine { color: #9aa0a8; font-size: 11px; }
`;

function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Labels of the controls on a plan page: one in four names a plan action, as on a busy account page. */
const PLAN_LABELS = ['Upgrade to Premium', 'Cancel subscription', 'Downgrade to Basic', 'Manage plan'];
const OTHER_LABELS = ['View details', 'Download invoice', 'Edit', 'Share', 'Rename', 'Print', 'Move', 'Archive', 'Copy link', 'Help', 'Settings', 'Report'];

const ROWS_PER_GROUP = 50;

function control(i: number): string {
  const plan = i % 4 === 0;
  const label = plan ? PLAN_LABELS[(i / 4) % PLAN_LABELS.length] : OTHER_LABELS[i % OTHER_LABELS.length];
  if (i % 2 === 0) return `<button class="${label.startsWith('Upgrade') ? 'primary' : 'ghost'}">${label}</button>`;
  return `<a class="link" href="#item-${i}">${label}</a>`;
}

/**
 * A plan-management page with `elements` elements (about) and `controls` controls: rows of a table
 * of subscriptions, each row with text, a few tags and its controls, and now and then a sentence
 * of the kind the sentence rules read.
 */
export function planPage(name: string, elements: number, controls: number): BenchPage {
  const rows = Math.max(1, Math.round(controls / 2));
  // Each row: div.row, div.meta, b, 2 spans of text, its 2 controls = 6 elements + filler.
  const filler = Math.max(0, Math.floor((elements - 40) / rows) - 6);
  const parts: string[] = [
    '<header><a href="#">Home</a><a href="#">Library</a><a href="#">Account</a></header>',
    '<main><h1>Your subscriptions</h1><p>Your plan: Family Premium. Next billing date: 14 May 2026.</p>',
  ];
  let c = 0;
  for (let r = 0; r < rows; r++) {
    // Rows come in groups, as on real pages (a team, a month, a device type).
    if (r % ROWS_PER_GROUP === 0) parts.push(`${r ? '</section>' : ''}<section><h2>Team ${r / ROWS_PER_GROUP + 1}</h2>`);
    const fill = Array.from({ length: filler }, (_, k) => `<span class="tag">f${k}</span>`).join('');
    const sentence = r % 25 === 0 ? '<span>Your plan renews automatically every month at $9.99 until you cancel.</span>' : `<span>Item ${r}</span>`;
    const cs = [control(c++), c < controls ? control(c++) : ''].join('');
    parts.push(`<div class="row"><div class="meta"><b>Seat ${r + 1}</b> ${sentence}${fill}</div>${cs}</div>`);
  }
  parts.push('</section>');
  parts.push('<p class="fine">Downgrades take effect at the start of your next billing cycle.</p></main>');
  parts.push('<footer><a href="#">Privacy</a><a href="#">Terms</a><a href="#">Help</a></footer>');
  return {
    name,
    description: `${elements.toLocaleString('en')} elements, ${controls.toLocaleString('en')} controls`,
    kind: 'plan',
    html: page('en', 'Subscriptions · Account', parts.join('\n')),
  };
}

const NAV = ['Home', 'Movies', 'Series', 'Kids', 'My list', 'Downloads', 'Search'];
const SIDE = ['Overview', 'Membership & billing', 'Profiles', 'Devices', 'Security', 'Privacy', 'Notifications', 'Language', 'Parental controls', 'Help centre'];
const FOOTER = [
  'Audio description',
  'Help centre',
  'Gift cards',
  'Media centre',
  'Investor relations',
  'Jobs',
  'Terms of use',
  'Privacy',
  'Legal notices',
  'Cookie preferences',
  'Corporate information',
  'Contact us',
];

/** A streaming service's account page, as such pages are built: nav, sidebar, plan card, billing history, devices. */
export function accountPage(): BenchPage {
  const invoices = Array.from({ length: 24 }, (_, i) => {
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][i % 12];
    return `<tr><td>${month} ${2025 + Math.floor(i / 12)}</td><td>Streaming service</td><td>Standard with ads</td><td>$15.49</td><td><a href="#inv-${i}">Download invoice</a></td></tr>`;
  }).join('\n');
  const devices = Array.from(
    { length: 8 },
    (_, i) => `<li><span class="dev">Device ${i + 1}</span> <span class="fine">last used ${i + 1} days ago</span> <button class="ghost">Sign out</button></li>`,
  ).join('\n');
  const profiles = Array.from({ length: 5 }, (_, i) => `<div class="profile"><img alt="" width="48" height="48"><span>Profile ${i + 1}</span><a href="#p${i}">Edit</a></div>`).join(
    '\n',
  );
  const body = `
<header><span style="font-weight:800;font-size:20px;color:#e50914">StreamBox</span> <nav>${NAV.map((n) => `<a href="#">${n}</a>`).join('')}</nav></header>
<div style="display:flex;max-width:1100px;margin:0 auto">
<aside style="width:220px;padding:16px"><ul>${SIDE.map((s) => `<li><a href="#${s}">${s}</a></li>`).join('')}</ul></aside>
<main style="flex:1">
  <h1>Account</h1>
  <section class="row" style="display:block;padding:24px">
    <h2>Membership &amp; billing</h2>
    <p>Member since March 2019</p>
    <p><b>Your plan: Standard</b> · $15.49/month · Next billing date: December 14, 2026 · Visa •••• 4242</p>
    <button class="primary" style="font-size:18px;padding:14px 36px">Upgrade to Premium</button>
    <p>Upgrades take effect immediately.</p>
    <p><a href="#payment">Update payment method</a> · <a href="#billing">Billing details</a> · <a href="#redeem">Redeem gift card</a></p>
    <p class="fine">Downgrades take effect at the start of your next billing cycle. <a class="fine" href="#cancel">Cancel membership</a></p>
  </section>
  <section class="row" style="display:block;padding:24px"><h2>Profiles</h2>${profiles}</section>
  <section class="row" style="display:block;padding:24px"><h2>Devices</h2><ul>${devices}</ul><button class="ghost">Sign out of all devices</button></section>
  <section class="row" style="display:block;padding:24px"><h2>Billing history</h2>
    <table><thead><tr><th>Date</th><th>Description</th><th>Service period</th><th>Total</th><th></th></tr></thead><tbody>${invoices}</tbody></table>
  </section>
  <section class="row" style="display:block;padding:24px"><h2>Settings</h2>
    <ul>${['Test participation', 'Download settings', 'Playback settings', 'Subtitle appearance', 'Viewing activity', 'Ratings'].map((s) => `<li><a href="#${s}">${s}</a><p class="fine">Change how ${s.toLowerCase()} work on all your devices.</p></li>`).join('')}</ul>
  </section>
</main>
</div>
<footer><p>Questions? Contact us.</p><ul style="columns:4">${FOOTER.map((f) => `<li><a href="#">${f}</a></li>`).join('')}</ul><p>© 2026 StreamBox</p></footer>`;
  return { name: 'account', description: 'real-looking account page', kind: 'plan', html: page('en', 'Account · StreamBox', body) };
}

const WORDS =
  'the city council met on tuesday evening to discuss the new bridge project which residents have long asked for while engineers presented three designs and a timetable for the works along the river'.split(
    ' ',
  );

function prose(seed: number, words: number): string {
  return Array.from({ length: words }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(' ');
}

/** What a news page says: its menu, story, related links, comments and footer (newsBody lays them out). */
type NewsText = {
  nav: string[];
  headline: string;
  byline: string;
  paragraph: (i: number) => string;
  relatedTitle: string;
  related: (i: number) => string;
  /** Letter of the related links' anchors. */
  relatedId: string;
  comment: (i: number) => string;
  footer: string[];
};

/** A news page's body: about `elements` elements, most of them reader comments (8 elements each). */
function newsBody(elements: number, t: NewsText): string {
  const comments = Math.max(1, Math.round((elements - 200) / 8));
  return `
<header><nav>${t.nav.map((n) => `<a href="#">${n}</a>`).join('')}</nav></header>
<main><article>
  <h1>${t.headline}</h1>
  <p class="fine">${t.byline}</p>
  ${Array.from({ length: 12 }, (_, i) => `<p>${t.paragraph(i)}</p>`).join('\n')}
</article>
<section><h2>${t.relatedTitle}</h2><ul>${Array.from({ length: 20 }, (_, i) => `<li><a href="#${t.relatedId}${i}">${t.related(i)}</a></li>`).join('')}</ul></section>
<section><h2>Comments</h2>
${Array.from({ length: comments }, (_, i) => `<div class="row"><div class="meta"><b>Reader ${i}</b> <span>${t.comment(i)}</span> <span class="fine">${i % 59} min ago</span></div><button class="ghost">Reply</button><a class="link" href="#c${i}">Like</a></div>`).join('\n')}
</section></main>
<footer>${t.footer.map((f) => `<a href="#">${f}</a>`).join('')}</footer>`;
}

/** A news article page: navigation, the story, related links and comments; nothing about plans. */
export function articlePage(name: string, elements: number): BenchPage {
  const body = newsBody(elements, {
    nav: ['World', 'Local', 'Business', 'Science', 'Culture', 'Sport', 'Weather', 'Podcasts'],
    headline: 'Council approves the new bridge over the river',
    byline: 'By a staff writer · 12 March 2026',
    paragraph: (i) => `${prose(i, 60)}.`,
    relatedTitle: 'Related',
    related: (i) => prose(i, 8),
    relatedId: 'r',
    comment: (i) => prose(i, 14),
    footer: ['About', 'Contact', 'Privacy', 'Terms', 'Accessibility'],
  });
  return {
    name,
    description: `news article, ${elements.toLocaleString('en')} elements`,
    kind: 'ordinary',
    html: page('en', 'Council approves the new bridge · Daily News', body),
  };
}

/**
 * Sentences of the kind ordinary pages are made of. The article above draws on a few dozen words that
 * the pre-check's first look clears at once; these hold the everyday words (after, free, weekend,
 * closed, delivery) in which the first look sees a maybe, as it does in most real pages, so the
 * pre-check reads them node by node and asks the word lists (precheck.ts).
 */
const SENTENCES = [
  'The coast road was closed on Tuesday after high winds brought down trees near the harbour.',
  'Crews expect to reopen it by the weekend, the county said in a statement.',
  'Free parking at the station will continue until the end of the month.',
  'Residents on the hill lost power for several hours before engineers restored it.',
  'The bakery on Main Street now offers delivery to the villages along the river.',
  'Schools stayed open, although buses ran late for most of the morning.',
  'A spokesperson thanked volunteers who cleared branches from the cycle path.',
  'Forecasters warned that more rain could follow later in the week.',
  'The market will move indoors to the old town hall until the square is repaired.',
  'Local football fans travelled north to watch the cup match on Saturday.',
  'Museum tickets are free for children under twelve during the holidays.',
  'The library has extended its opening hours and added a reading room upstairs.',
];

function sentences(seed: number, count: number): string {
  return Array.from({ length: count }, (_, i) => SENTENCES[(seed * 5 + i) % SENTENCES.length]).join(' ');
}

/** A local news page written in everyday words: nothing about plans, but words the first look cannot rule out. */
export function newsPage(name: string, elements: number): BenchPage {
  const body = newsBody(elements, {
    nav: ['Home', 'Local', 'Weather', 'Traffic', 'Sport', "What's on", 'Letters'],
    headline: 'Storm closes the coast road',
    byline: 'By our local reporter · 3 November 2026',
    paragraph: (i) => sentences(i, 4),
    relatedTitle: 'More local news',
    related: (i) => sentences(i, 1),
    relatedId: 'n',
    comment: (i) => sentences(i, 1),
    footer: ['About us', 'Contact', 'Privacy', 'Terms', 'Accessibility'],
  });
  return {
    name,
    description: `local news in everyday words, ${elements.toLocaleString('en')} elements`,
    kind: 'ordinary',
    html: page('en', 'Storm closes the coast road · Local News', body),
  };
}

export function benchPages(quick: boolean): BenchPage[] {
  if (quick) return [planPage('plan-1k', 1000, 50), articlePage('article-3k', 3000)];
  return [
    planPage('plan-1k', 1000, 50),
    planPage('plan-10k', 10_000, 500),
    planPage('plan-50k', 50_000, 10_000),
    accountPage(),
    articlePage('article-3k', 3000),
    articlePage('article-50k', 50_000),
    newsPage('news-10k', 10_000),
  ];
}
