/**
 * User settings (browser.storage.local, key "settings"): sites where scanning is off, and the
 * language of the extension's explanations. Read by the background, the history page and the
 * content script (which must not scan a site that is turned off).
 */
import { Settings } from '../messages';
import type { KeyValueArea } from './kv';

export const SETTINGS_KEY = 'settings';
export const DEFAULT_SETTINGS: Settings = { disabledSites: [], language: 'auto' };

export type UiLanguage = 'en' | 'zh-CN' | 'zh-TW';

/** The language to use: the setting, or the browser's UI language when the setting is "auto". */
export function resolveLanguage(setting: Settings['language'], browserLanguage: string): UiLanguage {
  if (setting !== 'auto') return setting;
  const l = browserLanguage.toLowerCase();
  if (!l.startsWith('zh')) return 'en';
  return /^zh[-_](tw|hk|mo|hant)/.test(l) ? 'zh-TW' : 'zh-CN';
}

/**
 * What the user typed for a site ("https://www.Example.com/account", "example.com") as the host
 * name that is stored, or null when it is not a site.
 */
export function normalizeSite(input: string): string | null {
  const t = input.trim().toLowerCase();
  if (!t) return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(t) ? t : `http://${t}`).hostname;
  } catch {
    return null;
  }
  host = host.replace(/^www\./, '').replace(/\.$/, '');
  return /^[a-z0-9.\-[\]:]+$/.test(host) && host.length <= 253 ? host : null;
}

/** Whether scanning is off for this host: the site itself or any parent domain is listed. */
export function isSiteDisabled(settings: Settings, hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return settings.disabledSites.some((s) => host === s || host.endsWith(`.${s}`));
}

export function parseSettings(raw: unknown): Settings {
  const parsed = Settings.safeParse(raw);
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

export class SettingsStore {
  constructor(private readonly area: KeyValueArea) {}

  async get(): Promise<Settings> {
    return parseSettings((await this.area.get(SETTINGS_KEY))[SETTINGS_KEY]);
  }

  /** Stores the settings with each site normalized and listed once. */
  async set(settings: Settings): Promise<Settings> {
    const sites = settings.disabledSites.map(normalizeSite).filter((s): s is string => s !== null);
    const clean: Settings = { disabledSites: [...new Set(sites)].sort(), language: settings.language };
    await this.area.set({ [SETTINGS_KEY]: clean });
    return clean;
  }
}
