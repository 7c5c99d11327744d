/**
 * Re-scans after the page changes (a retention dialog opening, a single-page app changing route):
 * debounced so a busy page is scanned at most once per quiet period.
 */
const QUIET_MS = 400;
const MAX_WAIT_MS = 3000;

export function watchForChanges(doc: Document, rescan: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChange = 0;
  let lastUrl = doc.URL;
  const fire = () => {
    timer = undefined;
    firstChange = 0;
    rescan();
  };
  const observer = new MutationObserver((records) => {
    if (records.every((r) => (r.target as Element).closest?.('[data-fair-exit]'))) return;
    const now = Date.now();
    firstChange ||= now;
    clearTimeout(timer);
    timer = setTimeout(fire, now - firstChange > MAX_WAIT_MS ? 0 : QUIET_MS);
  });
  observer.observe(doc.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class', 'style', 'open', 'hidden', 'aria-expanded', 'aria-hidden', 'aria-modal'],
  });
  const onRoute = () => {
    if (doc.URL === lastUrl) return;
    lastUrl = doc.URL;
    clearTimeout(timer);
    timer = setTimeout(fire, QUIET_MS);
  };
  const view = doc.defaultView;
  view?.addEventListener('popstate', onRoute);
  const poll = setInterval(onRoute, 500);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
    clearInterval(poll);
    view?.removeEventListener('popstate', onRoute);
  };
}
