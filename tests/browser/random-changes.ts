/**
 * A burst of random changes to a page, for tests that compare what a scan after changes reports with a
 * scan of the page afresh (tests/browser/rescan-caches.test.ts, background-badge.test.ts). Run in the
 * page (`page.evaluate(randomChanges, seed)`): it uses nothing from outside itself.
 *
 * One to four changes, drawn from a generator seeded by `seed` (a failure names its seed): a text edited
 * or appended; a snippet added (a card, a row, a dialog, a sentence); an element removed or moved; a
 * class or `hidden` toggled; the content of the shadow root of `#host` replaced or added to. At least
 * one change is made. Gives the number made.
 */
export function randomChanges(seed: number): number {
  let t = seed >>> 0;
  // mulberry32: small, and the same in every browser.
  const random = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(random() * xs.length)];
  const TEXTS = [
    'Cancel subscription',
    'Upgrade now',
    'Downgrades take effect at the start of your next billing cycle.',
    'Offer ends in 04:58',
    'Call us to cancel your plan.',
    'You will lose all your playlists.',
    'Thanks',
    'Switch to Basic',
    '续费',
    'Manage plan',
  ];
  const SNIPPETS = [
    '<p>To cancel, please call our support team.</p>',
    '<div class="card"><b>Plus</b> <span>Save 20%</span> <button class="loud">Upgrade to Plus</button> <a class="faint" href="#c">Cancel plan</a></div>',
    '<li>Seat 9 <a href="#s9">Rename</a></li>',
    '<span class="go">Downgrade to Basic</span>',
    '<div role="dialog"><p>Are you sure? You will lose your history.</p><button class="loud">Stay</button><a href="#no">No, cancel</a></div>',
    '<b>Note:</b> renewal is automatic.',
  ];
  const elements = () => Array.from(document.body.querySelectorAll('*')).filter((el) => el.tagName !== 'SCRIPT' && el.id !== 'host');
  const texts = () => {
    const out: Text[] = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) if (n.parentElement?.tagName !== 'SCRIPT') out.push(n as Text);
    return out;
  };
  const place = (node: Node) => {
    const at = pick(elements().concat(document.body));
    const how = pick(['append', 'prepend', 'before', 'after'] as const);
    if (at === document.body && (how === 'before' || how === 'after')) document.body.append(node);
    else at[how](node);
  };
  /** One change of the kind drawn; false when the page had nothing to make it on. */
  const change = (kind: string): boolean => {
    if (kind === 'edit') {
      const text = pick(texts());
      if (!text) return false;
      text.data = pick(TEXTS);
    } else if (kind === 'add') {
      const holder = document.createElement('div');
      holder.innerHTML = pick(SNIPPETS);
      place(holder.firstChild!);
    } else if (kind === 'remove') {
      const el = pick(elements());
      if (!el || document.body.querySelectorAll('*').length <= 12) return false;
      el.remove();
    } else if (kind === 'move') {
      const el = pick(elements());
      const to = pick(elements().concat(document.body));
      if (!el || !to || el.contains(to)) return false;
      to[pick(['append', 'prepend'] as const)](el);
    } else if (kind === 'attribute') {
      const el = pick(elements());
      if (!el) return false;
      const what = pick(['faint', 'loud', 'hidden']);
      if (what === 'hidden') el.toggleAttribute('hidden');
      else el.classList.toggle(what);
    } else if (kind === 'shadow') {
      const root = document.getElementById('host')?.shadowRoot;
      if (!root) return false;
      if (random() < 0.5) root.innerHTML = `<p>${pick(TEXTS)}</p>`;
      else root.append(Object.assign(document.createElement('div'), { innerHTML: pick(SNIPPETS) }));
    } else pick(elements().concat(document.body)).append(pick(TEXTS));
    return true;
  };
  const wanted = 1 + Math.floor(random() * 4);
  let made = 0;
  for (let c = 0; c < wanted; c++) if (change(pick(['edit', 'edit', 'add', 'add', 'remove', 'move', 'attribute', 'text', 'shadow']))) made++;
  if (made === 0 && change('text')) made++;
  return made;
}
