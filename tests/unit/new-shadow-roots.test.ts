/** src/content/late-shadows.ts newShadowRoots: the roots not watched yet, at any depth. */
import { expect, it } from 'vitest';
import { newShadowRoots } from '../../src/content/late-shadows';

const now = () => Promise.resolve();

it('finds a root attached late inside a known root, and one inside a new root', async () => {
  document.body.innerHTML = '<app-shell id="app"></app-shell><div data-fair-exit><x-overlay id="overlay"></x-overlay></div>';
  const shell = document.getElementById('app')!.attachShadow({ mode: 'open' });
  shell.innerHTML = '<account-view id="view"></account-view><side-bar id="side"></side-bar>';
  const view = shell.getElementById('view')!.attachShadow({ mode: 'open' });
  view.innerHTML = '<retention-sheet id="sheet"></retention-sheet>';
  const sheet = view.getElementById('sheet')!.attachShadow({ mode: 'open' });
  const side = shell.getElementById('side')!.attachShadow({ mode: 'open' });
  document.getElementById('overlay')!.attachShadow({ mode: 'open' });
  const watched = new Set<ShadowRoot>([shell]);
  const found = await newShadowRoots(document, (r) => watched.has(r), now);
  expect(new Set(found)).toEqual(new Set([view, sheet, side]));
  // Nothing new once all are watched.
  for (const r of found) watched.add(r);
  expect(await newShadowRoots(document, (r) => watched.has(r), now)).toEqual([]);
});

it('yields to the page between pieces of elements', async () => {
  document.body.innerHTML = '<i></i>'.repeat(9000);
  let pauses = 0;
  await newShadowRoots(
    document,
    () => false,
    async () => void pauses++,
  );
  expect(pauses).toBe(2);
});
