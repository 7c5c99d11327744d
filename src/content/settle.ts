/**
 * Waits until the page's finite animations and transitions have ended (a retention dialog fading
 * in is measured as the user sees it, not half transparent), at most `maxMs`. Endless animations
 * (a pulsing button) are not waited for.
 */
export async function animationsSettled(doc: Document, maxMs: number): Promise<void> {
  if (typeof doc.getAnimations !== 'function') return;
  const finite = doc.getAnimations().filter((a) => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
  if (finite.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((done) => (timer = setTimeout(done, maxMs)));
  await Promise.race([Promise.allSettled(finite.map((a) => a.finished)), timeout]);
  clearTimeout(timer);
}
