/** Saved reports survive closing the browser: reopened with the same profile, the history lists them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, launchWithExtension } from '../../src/audit/browser';
import { LocalServer } from '../../src/audit/server';
import { PAGES } from './harness';
import { openExtensionPage, send, tabIdOf, waitFor, waitForBadge } from './background-helpers';

const profileDir = mkdtempSync(join(tmpdir(), 'fair-exit-persist-'));
const server = new LocalServer();
beforeAll(async () => {
  ensureBuilt();
  await server.start();
});
afterAll(async () => {
  await server.stop();
  rmSync(profileDir, { recursive: true, force: true });
});

describe('saved reports across browser restarts', () => {
  it('are on the history page after the browser is closed and reopened with the same profile', async () => {
    const pageUrl = server.urlFor(join(PAGES, 'bg-unfair.html'));
    const first = await launchWithExtension({ profileDir });
    try {
      const page = await first.context.newPage();
      await page.goto(pageUrl);
      await waitForBadge(first, await tabIdOf(first, pageUrl), (b) => b.text !== '');
      const history = await openExtensionPage(first, 'history.html');
      await waitFor(
        'the report saved',
        async () => (await send<{ reports: unknown[] }>(history, { type: 'list-reports' })).data!.reports,
        (r) => r.length === 1,
      );
      await send(history, { type: 'set-settings', settings: { disabledSites: ['example.org'], language: 'zh-CN' } });
    } finally {
      await first.close();
    }

    const second = await launchWithExtension({ profileDir });
    try {
      const history = await openExtensionPage(second, 'history.html');
      await history.waitForSelector('body[data-ready="true"]');
      expect(await history.locator('#reports > li').count()).toBe(1);
      expect(await history.locator('#reports .title').textContent()).toBe('Your membership · StreamBox');
      // Settings survive too (the page is in the chosen language).
      expect(await history.locator('#heading').textContent()).toBe('已保存的报告');
      await history.locator('#reports button.open').click();
      await history.waitForSelector('.detail .finding');
      expect(await history.locator('.detail .meta a').textContent()).toBe(pageUrl);
    } finally {
      await second.close();
    }
  });

  it('a save cut short by closing the browser is finished when the browser starts again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fair-exit-persist-'));
    const pageUrl = server.urlFor(join(PAGES, 'bg-hostile.html'));
    try {
      const first = await launchWithExtension({ profileDir: dir });
      try {
        await first.worker.evaluate(() => {
          (globalThis as any).fairExit.saver.hooks.beforeCommit = () => new Promise(() => {});
        });
        const page = await first.context.newPage();
        await page.goto(pageUrl);
        await waitForBadge(first, await tabIdOf(first, pageUrl), (b) => b.text !== '');
        await waitFor(
          'the journal entry',
          () => first.worker.evaluate(async () => Object.keys(await (globalThis as any).chrome.storage.local.get(null)).filter((k: string) => k.startsWith('pending:')).length),
          (n) => n === 1,
        );
        expect(await first.worker.evaluate(async () => (await (globalThis as any).fairExit.db.usage()).reports)).toBe(0);
      } finally {
        await first.close();
      }
      const second = await launchWithExtension({ profileDir: dir });
      try {
        const history = await openExtensionPage(second, 'history.html');
        const reports = await waitFor(
          'the replayed save',
          async () => (await send<{ reports: { url: string }[] }>(history, { type: 'list-reports' })).data!.reports,
          (r) => r.length > 0,
        );
        expect(reports.map((r) => r.url)).toEqual([pageUrl]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
