/** The content script's re-scan trigger (src/content/watch.ts): debounced DOM changes and route changes. */
import { afterEach, describe, expect, it } from 'vitest';
import { watchForChanges } from '../../src/content/watch';

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

  it('stops watching when stopped', async () => {
    let scans = 0;
    const s = watchForChanges(document, () => scans++);
    s();
    document.body.append(document.createElement('p'));
    await sleep(600);
    expect(scans).toBe(0);
  });
});
