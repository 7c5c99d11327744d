/** Reports for the popup's unit tests (shapes as the engine writes them; see the demo pages). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TabReportReply } from '../../src/messages';
import type { Control, Finding, PageReport } from '../../src/report/schema';
import type { PopupActions } from '../../src/ui/context';
import { lookupFromFile, translator, type Translator, type UiLang } from '../../src/ui/i18n';

const LOCALES = join(import.meta.dirname, '../../public/_locales');
export function localeFile(dir: string): Record<string, { message: string; placeholders?: Record<string, { content: string }> }> {
  return JSON.parse(readFileSync(join(LOCALES, dir, 'messages.json'), 'utf8'));
}
export function tr(lang: UiLang = 'en'): Translator {
  return translator(lookupFromFile(localeFile(lang.replace('-', '_'))));
}

const factors = (over: Record<string, number | string | boolean | null> = {}) => ({
  area: 5000,
  fontSize: 15,
  fontWeight: 400,
  contrast: 7,
  fillContrast: 1,
  belowFold: 0,
  ...over,
});
export const control = (id: string, role: Control['role'], text: string, salience: number, selector: string, visible = true): Control => ({
  id,
  role,
  text,
  selector,
  salience,
  visible,
  factors: factors(),
});

export const zhControls: Control[] = [
  control('c1', 'upgrade', '立即升级 5G 畅享套餐', 79.7, 'main > section > button'),
  control('c2', 'downgrade', '降档', 13.6, 'main > section > a'),
  control('c3', 'cancel', '取消自动续费', 0, 'main details a', false),
];

const ev = (id: string, role: string, text: string, salience: number, more: Record<string, unknown> = {}) => ({
  id,
  role,
  text,
  salience,
  area: 12901,
  fontSize: 18,
  fontWeight: 700,
  contrast: null,
  fillContrast: 2.61,
  belowFold: 0,
  ...more,
});

export const prominence: Finding = {
  id: 'asymmetric-prominence-1',
  rule: 'asymmetric-prominence',
  severity: 'high',
  verdict: 'violation',
  controls: ['c1', 'c2'],
  message: '“立即升级 5G 畅享套餐”的醒目程度是“降档”的 5.9 倍,离开的入口被刻意弱化。',
  evidence: {
    screen: 'page',
    ratio: 5.86,
    threshold: 3,
    stay: ev('c1', 'upgrade', '立即升级 5G 畅享套餐', 79.7),
    exit: ev('c2', 'downgrade', '降档', 13.6, { area: 336, fontSize: 12, fontWeight: 400, contrast: 1.98, fillContrast: 1 }),
    unmeasurable: null,
  },
};
export const hiddenExit: Finding = {
  id: 'hidden-exit-2',
  rule: 'hidden-exit',
  severity: 'high',
  verdict: 'violation',
  controls: ['c3'],
  message: '“取消自动续费”入口很难被发现(藏在折叠的菜单或区域里、被放在无关的栏目下)。',
  evidence: {
    control: ev('c3', 'cancel', '取消自动续费', 0, { area: 0, fontSize: 16 }),
    reasons: [
      { reason: 'collapsed', strong: false, detail: '更多设置' },
      { reason: 'unrelated-section', strong: true, detail: '更多设置' },
    ],
    section: '更多设置',
    collapsedBy: '更多设置',
  },
};
export const forcedContact: Finding = {
  id: 'forced-contact-1',
  rule: 'forced-contact',
  severity: 'medium',
  verdict: 'violation',
  controls: ['c1', 'c2'],
  message: '降级或取消需要联系人工,而非自助办理:“如需退订,请拨打客服热线 10086 办理。”',
  evidence: {
    sentence: '如需退订,请拨打客服热线 10086 办理。',
    sentences: [{ sentence: '如需退订,请拨打客服热线 10086 办理。', phrase: '退订,请拨打客服热线', list: 'contactRequirement', selector: 'main > section > p' }],
  },
};
export const reviewProminence: Finding = {
  ...prominence,
  id: 'asymmetric-prominence-2',
  verdict: 'needs-review',
  message: '“开通会员”的醒目程度是“取消”的 3.1 倍,离开的入口被刻意弱化。',
  evidence: { ...prominence.evidence, unmeasurable: 'contrast of one control could not be measured' },
};

export function report(over: Partial<PageReport> = {}): PageReport {
  return {
    url: 'https://shop.example.cn/plan',
    title: '我的套餐 - 星河移动',
    scannedAt: '2026-11-25T10:03:00.000Z',
    scanMs: 42,
    subscriptionPage: true,
    language: 'zh',
    controls: zhControls,
    findings: [prominence, hiddenExit, forcedContact],
    ...over,
  };
}

export function entry(r: PageReport, savedId: string | null = 'rep-1'): NonNullable<TabReportReply> {
  return { report: r, seq: 1, receivedAt: 1000, savedId };
}

export function fakeActions(over: Partial<PopupActions> = {}) {
  const calls = { highlight: [] as string[][], rescan: 0, history: 0, notes: [] as unknown[], exports: 0 };
  const actions: PopupActions = {
    highlight: async (selectors) => {
      calls.highlight.push(selectors);
      return { ok: true, found: selectors.length, hidden: 0, total: selectors.length };
    },
    rescan: () => void calls.rescan++,
    openHistory: () => void calls.history++,
    saveNote: async (input) => {
      calls.notes.push(input);
      return { ok: true };
    },
    exportEvidence: async () => {
      calls.exports++;
      return { ok: true, fileName: 'fair-exit_example.com_2026-12-01_3-rules.zip' };
    },
    ...over,
  };
  return { actions, calls };
}
