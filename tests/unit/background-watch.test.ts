/** The content script's re-scan trigger (src/content/watch.ts): debounced DOM changes and route changes; one scan at a time. */
import { afterEach, describe, expect, it } from 'vitest';
import { serialScans } from '../../src/content/serial';
import { watchForChanges } from '../../src/content/watch';
import { mayEndDifferently } from '../../src/engine/precheck';
import { bundledLexicon } from '../../src/rules/word-lists';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(ok: () => boolean, ms = 2500): Promise<void> {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await sleep(20);
}
let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  document.body.replaceChildren();
});

describe('watchForChanges', () => {
  it('rescans once after a burst of changes (a dialog opening), not once per change', async () => {
    let scans = 0;
    stop = watchForChanges(document, () => scans++);
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.hidden = true;
    document.body.append(dialog);
    for (let i = 0; i < 5; i++) {
      dialog.append(Object.assign(document.createElement('p'), { textContent: `line ${i}` }));
      await sleep(20);
    }
    dialog.hidden = false;
    await sleep(150);
    expect(scans).toBe(0);
    await until(() => scans > 0);
    await sleep(450);
    expect(scans).toBe(1);
  });

  it('ignores changes inside the extension’s own elements', async () => {
    let scans = 0;
    const own = Object.assign(document.createElement('div'), { textContent: 'x' });
    own.setAttribute('data-fair-exit', '');
    document.body.append(own);
    stop = watchForChanges(document, () => scans++);
    own.textContent = 'highlight';
    await sleep(600);
    expect(scans).toBe(0);
  });

  it('rescans after a single-page app changes route with history.pushState', async () => {
    let scans = 0;
    stop = watchForChanges(document, () => scans++);
    history.pushState({}, '', '/account/plan');
    await until(() => scans > 0);
    expect(scans).toBe(1);
  });

  it('rescans after a retention sheet is drawn inside an open shadow root it was told about', async () => {
    let scans = 0;
    const host = document.createElement('retain-sheet');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const watcher = watchForChanges(document, () => scans++);
    stop = watcher;
    root.innerHTML = '<div role="dialog"><button>Keep my plan</button></div>';
    await sleep(600);
    expect(scans).toBe(0);
    watcher.observe(root);
    root.innerHTML = '<div role="dialog"><button>Keep my plan</button><button>Cancel anyway</button></div>';
    await until(() => scans > 0);
    expect(scans).toBe(1);
  });

  it('lists the texts edited and the nodes added and removed since it was last asked', async () => {
    let scans = 0;
    const box = Object.assign(document.createElement('div'), { textContent: 'Your plan' });
    document.body.append(box);
    const watcher = watchForChanges(document, () => scans++);
    stop = watcher;
    const none = { structure: false, edited: [], added: [], removed: [], targets: [] };
    // From its start until first asked: nothing is known of the page before.
    expect(watcher.takeChanges().structure).toBe(true);
    expect(watcher.takeChanges()).toEqual(none);
    // Attributes alone: nothing to list.
    box.className = 'open';
    box.setAttribute('aria-expanded', 'true');
    await until(() => scans > 0);
    expect(watcher.takeChanges()).toEqual(none);
    // Text edited: the node is listed, once, however often it was edited.
    const text = box.firstChild as Text;
    text.data = 'Your new plan';
    text.data = 'Your newer plan';
    await sleep(0);
    expect(watcher.takeChanges()).toEqual({ ...none, edited: [text] });
    expect(watcher.takeChanges()).toEqual(none);
    // A node added, then removed: each listed, with the node whose children changed.
    const p = document.createElement('p');
    box.append(p);
    await sleep(0);
    expect(watcher.takeChanges()).toEqual({ ...none, added: [p], targets: [box] });
    p.remove();
    await sleep(0);
    expect(watcher.takeChanges()).toEqual({ ...none, removed: [p], targets: [box] });
    // A change not yet reported to the watcher's callback when it is asked still counts.
    box.append('!');
    expect(watcher.takeChanges().added).toEqual([box.lastChild]);
    // Past a few thousand nodes, the page is to be walked anew.
    for (let i = 0; i < 2100; i++) box.append(document.createElement('i'));
    expect(watcher.takeChanges()).toEqual({ ...none, structure: true });
    // Inside the extension's own elements nothing counts.
    const own = document.createElement('div');
    own.setAttribute('data-fair-exit', '');
    document.body.append(own);
    watcher.takeChanges();
    own.textContent = 'outline';
    own.append('more');
    (own.lastChild as Text).data = 'edited';
    await sleep(0);
    expect(watcher.takeChanges()).toEqual(none);
  });

  it('stops watching when stopped', async () => {
    let scans = 0;
    const s = watchForChanges(document, () => scans++);
    s();
    document.body.append(document.createElement('p'));
    document.body.dispatchEvent(new Event('change', { bubbles: true }));
    await sleep(600);
    expect(scans).toBe(0);
  });

  it('rescans after a change of state no observer sees: a popover toggled, a box ticked, in the document or a root it was told about', async () => {
    let scans = 0;
    document.body.innerHTML = '<div id="sheet" popover><button>Keep my plan</button></div><label><input type="checkbox" id="menu"> Menu</label>';
    const host = document.createElement('retain-sheet');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<input type="checkbox" id="renew" checked>';
    const watcher = watchForChanges(document, () => scans++);
    stop = watcher;
    // As the browser fires them: `toggle` bubbles not at all, `change` not out of a shadow root.
    document.getElementById('sheet')!.dispatchEvent(new Event('toggle'));
    await until(() => scans > 0);
    expect(scans).toBe(1);
    (document.getElementById('menu') as HTMLInputElement).click();
    await until(() => scans > 1);
    expect(scans).toBe(2);
    const renew = root.getElementById('renew') as HTMLInputElement;
    renew.dispatchEvent(new Event('change', { bubbles: true }));
    await sleep(600);
    expect(scans).toBe(2);
    watcher.observe(root);
    renew.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => scans > 2);
    expect(scans).toBe(3);
    // The extension's own elements change nothing.
    const own = Object.assign(document.createElement('input'), { type: 'checkbox' });
    own.setAttribute('data-fair-exit', '');
    document.body.append(own);
    await sleep(600);
    const before = scans;
    own.dispatchEvent(new Event('change', { bubbles: true }));
    await sleep(600);
    expect(scans).toBe(before);
  });
});

describe('watchForChanges and the window', () => {
  it('rescans once after the window is resized (a burst of resize events, as a drag makes), and not after it stopped', async () => {
    let scans = 0;
    const watcher = watchForChanges(document, () => scans++);
    stop = watcher;
    expect(watcher.pending()).toBe(false);
    for (let i = 0; i < 5; i++) {
      window.dispatchEvent(new Event('resize'));
      await sleep(30);
    }
    // Waiting for the page to be quiet: the audit asks this before it takes a report as final.
    expect(watcher.pending()).toBe(true);
    await until(() => scans > 0);
    expect(watcher.pending()).toBe(false);
    await sleep(450);
    expect(scans).toBe(1);
    watcher();
    stop = null;
    window.dispatchEvent(new Event('resize'));
    await sleep(600);
    expect(scans).toBe(1);
  });
});

describe('rescans of a page that ended at the pre-check', () => {
  const lexicon = bundledLexicon();
  const watchSkipped = (onScan: () => void) => watchForChanges(document, onScan, { matters: (added) => mayEndDifferently(lexicon, added()) });

  it('are not made for changes that add no word about plans (a chat message, a class change, a resize)', async () => {
    let scans = 0;
    stop = watchSkipped(() => scans++);
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'The council met on Tuesday.' }));
    document.body.className = 'dark';
    window.dispatchEvent(new Event('resize'));
    await sleep(600);
    expect(scans).toBe(0);
  });

  it('are made when the added text speaks of plans (a cancel dialog appears)', async () => {
    let scans = 0;
    stop = watchSkipped(() => scans++);
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.innerHTML = '<p>Your membership renews on 1 May.</p><button>Cancel membership</button>';
    document.body.append(dialog);
    await until(() => scans > 0);
    expect(scans).toBe(1);
  });

  it('are made when edited text speaks of plans', async () => {
    let scans = 0;
    const p = Object.assign(document.createElement('p'), { textContent: 'Loading…' });
    document.body.append(p);
    stop = watchSkipped(() => scans++);
    p.firstChild!.textContent = 'Turn off auto-renew';
    await until(() => scans > 0);
    expect(scans).toBe(1);
  });
});

describe('serialScans', () => {
  it('runs one scan at a time and queues exactly one more however often it is asked', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const scan = serialScans(async () => {
      running++;
      most = Math.max(most, running);
      runs++;
      await sleep(30);
      running--;
    });
    const all = [scan(), scan(), scan(), scan()];
    await Promise.all(all);
    expect(most).toBe(1);
    expect(runs).toBe(2);
    await scan();
    expect(runs).toBe(3);
  });

  it('says it is busy while a scan runs or waits to run, and not once they are done', async () => {
    const scan = serialScans(async () => void (await sleep(30)));
    expect(scan.busy()).toBe(false);
    const first = scan();
    const second = scan();
    expect(scan.busy()).toBe(true);
    await first;
    expect(scan.busy()).toBe(true);
    await second;
    expect(scan.busy()).toBe(false);
  });
});
