/**
 * Whether the content script may scan this page: not when the user turned scanning off for the
 * site (history page settings). Reads the settings once from browser.storage.local, then follows
 * their changes.
 */
import type { Settings } from '../messages';
import { SETTINGS_KEY, isSiteDisabled, parseSettings } from '../storage/settings';

type StorageLike = {
  local: { get(key: string): Promise<Record<string, unknown>> };
  onChanged: { addListener(cb: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
};

export function createSiteGate(storage: StorageLike, hostname: string): () => Promise<boolean> {
  let settings: Promise<Settings> = storage.local.get(SETTINGS_KEY).then(
    (got) => parseSettings(got[SETTINGS_KEY]),
    () => parseSettings(undefined),
  );
  storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) settings = Promise.resolve(parseSettings(changes[SETTINGS_KEY].newValue));
  });
  return async () => !isSiteDisabled(await settings, hostname);
}
