/**
 * Whether the content script may scan this page: not when the user turned scanning off for the
 * site (history page settings). Reads the settings once from browser.storage.local, and again when
 * the background says they changed (`refresh`, on a 'settings-changed' message).
 *
 * It does not follow storage.onChanged: every change to browser.storage.local reaches every
 * listener with its old and new values, and the background's save journal puts and removes each
 * saved report there (two copies of the whole report, in every tab). Measured on a page of 500
 * controls: two tasks of about 2 ms of the page's thread after each scan, gone without the listener.
 */
import type { Settings } from '../messages';
import { SETTINGS_KEY, isSiteDisabled, parseSettings } from '../storage/settings';

type StorageLike = { local: { get(key: string): Promise<Record<string, unknown>> } };

export type SiteGate = { mayScan: () => Promise<boolean>; refresh: () => void };

export function createSiteGate(storage: StorageLike, hostname: string): SiteGate {
  const read = (): Promise<Settings> =>
    storage.local.get(SETTINGS_KEY).then(
      (got) => parseSettings(got[SETTINGS_KEY]),
      () => parseSettings(undefined),
    );
  let settings = read();
  return {
    mayScan: async () => !isSiteDisabled(await settings, hostname),
    refresh: () => {
      settings = read();
    },
  };
}
