import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../entrypoints/history/strings';
import { renderPopup } from '../../src/ui/popup';
import { fakeActions, localeFile, tr } from './popup-fixtures';

const LOCALES = { en: 'en', 'zh-CN': 'zh_CN', 'zh-TW': 'zh_TW' } as const;

describe("the extension's name and description", () => {
  it('are translated in every locale, within the stores’ limits', () => {
    const names = new Set<string>();
    const descriptions = new Set<string>();
    for (const dir of Object.values(LOCALES)) {
      const file = localeFile(dir);
      const name = file.extName.message;
      const description = file.extDescription.message;
      // Chrome Web Store: name up to 75 characters, description up to 132; Firefox shows about 45 of a name.
      expect(name.length, `${dir} name`).toBeGreaterThan(0);
      expect(name.length, `${dir} name`).toBeLessThanOrEqual(45);
      expect(description.length, `${dir} description`).toBeGreaterThan(10);
      expect(description.length, `${dir} description`).toBeLessThanOrEqual(132);
      expect(name, 'the brand stays recognisable').toContain('Fair Exit');
      names.add(name);
      descriptions.add(description);
    }
    expect(descriptions.size).toBe(3);
    expect(names.size).toBe(3);
  });

  it('the popup shows the name of its language, with the description as its tooltip', () => {
    for (const [lang, dir] of Object.entries(LOCALES) as [keyof typeof LOCALES, string][]) {
      const root = document.createElement('div');
      renderPopup(document, root, { kind: 'loading' }, tr(lang), fakeActions().actions);
      const brand = root.querySelector('.brand')!;
      expect(brand.textContent).toBe(localeFile(dir).extName.message);
      expect(brand.getAttribute('title')).toBe(localeFile(dir).extDescription.message);
      expect(document.title).toBe(localeFile(dir).extName.message);
    }
  });

  it('the history page shows the same name and description as the manifest and popup', () => {
    for (const [lang, dir] of Object.entries(LOCALES) as [keyof typeof LOCALES, string][]) {
      const file = localeFile(dir);
      expect(STRINGS[lang].appName).toBe(file.extName.message);
      expect(STRINGS[lang].appDescription).toBe(file.extDescription.message);
      expect(STRINGS[lang].pageTitle.startsWith(file.extName.message)).toBe(true);
    }
  });
});
