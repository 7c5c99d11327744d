import { describe, expect, it } from 'vitest';
import { MemoryArea } from '../../src/storage/kv';
import { SettingsStore, isSiteDisabled, normalizeSite, resolveLanguage } from '../../src/storage/settings';

describe('settings', () => {
  it('normalizes what the user types as a site', () => {
    expect(normalizeSite('https://www.Example.com/account?x=1')).toBe('example.com');
    expect(normalizeSite(' shop.example.org ')).toBe('shop.example.org');
    expect(normalizeSite('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(normalizeSite('')).toBeNull();
    expect(normalizeSite('<img src=x onerror=alert(1)>')).toBeNull();
  });

  it('turns scanning off for a site and its subdomains only', () => {
    const s = { disabledSites: ['example.com'], language: 'auto' as const };
    expect(isSiteDisabled(s, 'example.com')).toBe(true);
    expect(isSiteDisabled(s, 'www.example.com')).toBe(true);
    expect(isSiteDisabled(s, 'account.example.com')).toBe(true);
    expect(isSiteDisabled(s, 'notexample.com')).toBe(false);
    expect(isSiteDisabled(s, 'example.com.evil.net')).toBe(false);
  });

  it('follows the browser language unless the setting overrides it', () => {
    expect(resolveLanguage('auto', 'zh-CN')).toBe('zh-CN');
    expect(resolveLanguage('auto', 'zh')).toBe('zh-CN');
    expect(resolveLanguage('auto', 'zh-TW')).toBe('zh-TW');
    expect(resolveLanguage('auto', 'zh-HK')).toBe('zh-TW');
    expect(resolveLanguage('auto', 'en-GB')).toBe('en');
    expect(resolveLanguage('auto', 'fr')).toBe('en');
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
    expect(resolveLanguage('zh-TW', 'en-US')).toBe('zh-TW');
  });

  it('stores sites normalized, once each, and reads defaults from nothing or garbage', async () => {
    const area = new MemoryArea();
    const store = new SettingsStore(area);
    expect(await store.get()).toEqual({ disabledSites: [], language: 'auto' });
    const saved = await store.set({ disabledSites: ['b.example', 'https://www.a.example/x', 'A.example', '::::'], language: 'zh-CN' });
    expect(saved).toEqual({ disabledSites: ['a.example', 'b.example'], language: 'zh-CN' });
    expect(await store.get()).toEqual(saved);
    await area.set({ settings: { disabledSites: 'nope' } });
    expect(await store.get()).toEqual({ disabledSites: [], language: 'auto' });
  });
});
