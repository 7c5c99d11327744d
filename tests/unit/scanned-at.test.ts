/**
 * A report is dated from when its scan began (src/scan-page.ts): the audit's collector takes a report
 * for a change only if its scan began after it, since a scan in slices may read the page before a
 * change made while it runs (tests/browser/collect.test.ts, shadow-attached-late).
 */
import { afterEach, expect, it, vi } from 'vitest';
import { scanPage } from '../../src/scan-page';

afterEach(() => {
  vi.useRealTimers();
});

it('dates a report from when its scan began, not from when it ended', () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-01T10:00:00.000Z'));
  document.body.innerHTML = '<h1>Your plan</h1><p>Pro · $12/month</p><button>Upgrade to Team</button><a href="#">Cancel subscription</a>';
  let read = false;
  const { report } = scanPage(document, {
    // The clock moves on once the scan has read the page: the report keeps the time before.
    onRead: () => {
      read = true;
      vi.setSystemTime(new Date('2026-03-01T10:00:05.000Z'));
    },
  });
  expect(read).toBe(true);
  expect(report.scannedAt).toBe('2026-03-01T10:00:00.000Z');
});
