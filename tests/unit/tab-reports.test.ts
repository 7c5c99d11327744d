/** The background's latest report of each tab (src/background/tab-reports.ts), as the audit finds it by URL. */
import { describe, expect, it } from 'vitest';
import { TabReports } from '../../src/background/tab-reports';
import { report } from './storage-fixtures';

describe('TabReports', () => {
  it('finds the newest report of a URL, and the tab that holds it', () => {
    const tabs = new TabReports();
    const url = 'https://a.example/plan';
    tabs.set(3, report(url, []), 1, 1000);
    tabs.set(7, report(url, []), 1, 2000);
    tabs.set(9, report('https://b.example/', []), 1, 3000);
    expect(tabs.byUrl(url)?.receivedAt).toBe(2000);
    expect(tabs.tabIdByUrl(url)).toBe(7);
    expect(tabs.tabIdByUrl('https://c.example/')).toBeNull();
    tabs.delete(7);
    expect(tabs.tabIdByUrl(url)).toBe(3);
  });
});
