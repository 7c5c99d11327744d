/**
 * Screenshots of the popup for the README (docs/screenshots/), taken in the system Chromium with the
 * built extension: English and Simplified Chinese browser UI, a finding open, light and dark.
 *
 *   npx tsx scripts/popup-screenshots.ts [OUT_DIR]
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT, ensureBuilt } from '../src/audit/browser';
import { LocalServer } from '../src/audit/server';
import { launchWithUiLanguage, openFixture, openPopup } from '../tests/browser/popup-helpers';

const OUT = resolve(process.argv[2] ?? join(PROJECT_ROOT, 'docs', 'screenshots'));
const POPUP_VIEWPORT = { width: 420, height: 600 };

async function shoot(popup: Page, name: string) {
  const file = join(OUT, name);
  await popup.screenshot({ path: file, fullPage: true });
  console.error(`wrote ${file}`);
}

async function run(lang: 'en' | 'zh-CN', fixture: string, prefix: string, openFinding: RegExp) {
  const b = await launchWithUiLanguage(lang);
  const server = new LocalServer();
  await server.start();
  try {
    const opened = await openFixture(b, server, join(PROJECT_ROOT, 'demo', fixture));
    const popup = await b.context.newPage();
    await popup.setViewportSize(POPUP_VIEWPORT);
    await openPopup(b, opened.tabId, popup);
    const uiLang = await popup.evaluate(() => document.documentElement.lang);
    if (uiLang !== lang) throw new Error(`the popup came up in ${uiLang}, not ${lang}: is the browser's --lang honoured?`);
    await popup.getByRole('button', { name: openFinding }).first().click();
    await popup.mouse.move(0, 0); // no hover underline in the picture
    await popup.waitForTimeout(200);
    await popup.emulateMedia({ colorScheme: 'light' });
    await shoot(popup, `${prefix}-finding-open.png`);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await shoot(popup, `${prefix}-finding-open-dark.png`);
    // The page with the finding's controls outlined (the outline lasts a few seconds).
    await opened.page.bringToFront();
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.locator('.finding-detail:not([hidden]) button.secondary').first().click();
    await opened.page.waitForTimeout(300);
    await opened.page.screenshot({ path: join(OUT, `${prefix}-page-outline.png`) });
    console.error(`wrote ${join(OUT, `${prefix}-page-outline.png`)}`);
  } finally {
    await b.close();
    await server.stop();
  }
}

ensureBuilt((s) => console.error(s));
mkdirSync(OUT, { recursive: true });
await run('en', 'en-account.html', 'popup-en', /The way to stay outshines the way out/);
await run('zh-CN', 'zh-plan.html', 'popup-zh', /留下的按钮远比离开的入口醒目/);
