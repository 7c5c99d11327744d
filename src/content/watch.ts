/**
 * Re-scans after the page changes (a retention dialog opening, a single-page app changing route, a
 * same-origin frame loading after the scan): debounced so a busy page is scanned at most once per
 * quiet period.
 */
import { isTag, sameOriginDocument } from '../engine/dom';
import type { WalkChanges } from '../engine/page-text';

const QUIET_MS = 400;
const MAX_WAIT_MS = 3000;
/** Enough text to tell whether a change speaks of plans. */
const ADDED_TEXT_CAP = 20_000;

export type WatchOptions = {
  /** Whether a burst of changes may change the report, given the text it added (read only when asked); route changes always do. */
  matters?: (added: () => string) => boolean;
};

/**
 * What changed since the watcher was last asked (or since the watch began). `structure`: a frame
 * loaded, the route changed or a shadow root was added, or more nodes changed than are worth listing:
 * the page must be walked anew. Otherwise the nodes whose text was edited, the nodes added and
 * removed and the nodes whose children changed (all empty: attributes alone changed, a class, a
 * style, `open`, `aria-expanded`, or nothing), which the last scan's walk can take in
 * (TextIndex.carryOver).
 */
export type PageChanges = { structure: boolean } & Required<WalkChanges>;

/**
 * Stops watching when called; `observe` adds an open shadow root (changes inside one never reach the
 * document's observer). `takeChanges` says what changed since it was last asked.
 */
export type Watcher = (() => void) & {
  observe(root: ShadowRoot): void;
  observes(root: ShadowRoot): boolean;
  takeChanges(): PageChanges;
  /** A change seen is waiting for the page to be quiet before it asks for a scan. */
  pending(): boolean;
};

/** Nodes listed between two scans; past this many, a scan walks the page anew. */
const MAX_LISTED = 2000;

/**
 * Changes of state that change no node, attribute or text, which no MutationObserver sees: a popover the
 * browser shows or hides (`toggle`), a box ticked or an option chosen (`change`: the `checked` or `value`
 * property, not the attribute). Neither bubbles out of a shadow root, and `toggle` not at all: they are
 * heard on their way down, in the document and in every root watched.
 */
const STATE_EVENTS = ['toggle', 'change'];

export function watchForChanges(doc: Document, rescan: () => void, opts: WatchOptions = {}): Watcher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChange = 0;
  let lastUrl = doc.URL;
  let structureChanged = true;
  let edited = new Set<CharacterData>();
  let added: Node[] = [];
  let removed: Node[] = [];
  let targets = new Set<Node>();
  const note = (records: MutationRecord[]) => {
    for (const r of records) {
      // Once the page must be walked anew, nothing more is worth listing.
      if (structureChanged || r.type === 'attributes' || ownElement(r.target)) continue;
      if (r.type === 'characterData') edited.add(r.target as CharacterData);
      else {
        targets.add(r.target);
        for (const n of r.addedNodes) added.push(n);
        for (const n of r.removedNodes) removed.push(n);
      }
      if (edited.size + added.length + removed.length > MAX_LISTED) structureChanged = true;
    }
  };
  const fire = () => {
    timer = undefined;
    firstChange = 0;
    rescan();
  };
  const changed = (added: () => string) => {
    if (opts.matters && !opts.matters(added)) return;
    const now = Date.now();
    firstChange ||= now;
    clearTimeout(timer);
    timer = setTimeout(fire, now - firstChange > MAX_WAIT_MS ? 0 : QUIET_MS);
  };
  let stopped = false;
  const onState = (e: Event) => {
    const target = e.target as Node | null;
    if (stopped || (target && typeof target.nodeType === 'number' && ownElement(target))) return;
    // Nothing was added: the walk is carried over as after a change of attributes.
    changed(() => '');
  };
  const listen = (on: Document | ShadowRoot) => {
    for (const type of STATE_EVENTS) on.addEventListener(type, onState, { capture: true, passive: true });
  };
  const observer = new MutationObserver((records) => {
    if (records.every((r) => ownElement(r.target))) return;
    note(records);
    changed(() => addedText(records));
  });
  const options: MutationObserverInit = {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class', 'style', 'open', 'hidden', 'aria-expanded', 'aria-hidden', 'aria-modal'],
  };
  observer.observe(doc.documentElement, options);
  const observed = new WeakSet<ShadowRoot>();
  const onRoute = () => {
    if (doc.URL === lastUrl) return;
    lastUrl = doc.URL;
    structureChanged = true;
    clearTimeout(timer);
    timer = setTimeout(fire, QUIET_MS);
  };
  // A frame's load event does not bubble, but it is seen on its way down. The scan reads same-origin
  // frames, and one that loads after it (a slow frame, or one given its address later) changes the report;
  // changes inside it never reach the document's observer, so its own document is observed too.
  const observeFrame = (frame: HTMLIFrameElement): Document | null => {
    const inner = sameOriginDocument(frame);
    if (inner?.documentElement) observer.observe(inner.documentElement, options);
    return inner;
  };
  const onLoad = (e: Event) => {
    if (!isTag(e.target as Node, 'iframe')) return;
    const inner = observeFrame(e.target as HTMLIFrameElement);
    structureChanged = true;
    // An empty frame (an ad's about:blank before it is written to) changes nothing; what is written later is a change seen inside it.
    if (inner?.body?.hasChildNodes()) changed(() => (inner.body.textContent ?? '').slice(0, ADDED_TEXT_CAP));
  };
  doc.addEventListener('load', onLoad, true);
  listen(doc);
  for (const frame of doc.querySelectorAll('iframe')) observeFrame(frame);
  const view = doc.defaultView;
  view?.addEventListener('popstate', onRoute);
  // A window made narrower or zoomed lays the page out again: what is on the first screen, clipped or
  // off its edge changes with no change to the page that an observer sees.
  const onResize = () => {
    if (!stopped) changed(() => '');
  };
  view?.addEventListener('resize', onResize, { passive: true });
  // The Navigation API reports every change of the URL (pushState and replaceState included);
  // without it the URL is polled, a task in the page every half second.
  const navigation = (view as (Window & { navigation?: EventTarget }) | null)?.navigation;
  if (navigation) navigation.addEventListener('currententrychange', onRoute);
  const poll = navigation ? undefined : setInterval(onRoute, 500);
  const stop = () => {
    // The listeners on shadow roots stay (the roots are not kept): they do nothing from now on.
    stopped = true;
    for (const type of STATE_EVENTS) doc.removeEventListener(type, onState, { capture: true });
    observer.disconnect();
    doc.removeEventListener('load', onLoad, true);
    clearTimeout(timer);
    clearInterval(poll);
    view?.removeEventListener('popstate', onRoute);
    view?.removeEventListener('resize', onResize);
    navigation?.removeEventListener('currententrychange', onRoute);
  };
  return Object.assign(stop, {
    observe(root: ShadowRoot) {
      if (observed.has(root)) return;
      observed.add(root);
      observer.observe(root, options);
      listen(root);
      structureChanged = true;
    },
    observes: (root: ShadowRoot) => observed.has(root),
    pending: () => timer !== undefined,
    takeChanges() {
      // Records of changes made since the last callback are read now, not after the scan has begun.
      const pending = observer.takeRecords();
      if (pending.length) {
        note(pending);
        if (!pending.every((r) => ownElement(r.target))) changed(() => addedText(pending));
      }
      const changes = structureChanged
        ? { structure: true, edited: [], added: [], removed: [], targets: [] }
        : { structure: false, edited: [...edited], added, removed, targets: [...targets] };
      structureChanged = false;
      edited = new Set();
      added = [];
      removed = [];
      targets = new Set();
      return changes;
    },
  });
}

function ownElement(n: Node): boolean {
  const el = n.nodeType === 1 ? (n as Element) : n.parentElement;
  return !!el?.closest('[data-fair-exit]');
}

/** The text that a burst of changes put into the page (added nodes, edited text), outside the extension's own elements. */
function addedText(records: MutationRecord[], cap = ADDED_TEXT_CAP): string {
  const parts: string[] = [];
  let length = 0;
  const add = (t: string | null) => {
    if (!t) return;
    parts.push(t);
    length += t.length;
  };
  for (const r of records) {
    if (length > cap) break;
    if (ownElement(r.target)) continue;
    if (r.type === 'characterData') add(r.target.textContent);
    for (const n of r.addedNodes) add(n.textContent);
  }
  return parts.join('\n');
}
