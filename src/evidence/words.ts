/** The bundle's own words (report.html, file notes) in the page's language: English or Chinese. */
import type { Role, RuleId, Severity, Verdict } from '../report/schema';
import { BUNDLED_RULES } from '../rules/catalog';

export type BundleLang = 'en' | 'zh';

const FLOW = { en: { title: 'Leaving takes more steps than joining', description: '' }, zh: { title: '离开比加入需要更多步骤', description: '' } };

export function ruleTitle(id: RuleId, lang: BundleLang): string {
  const rule = BUNDLED_RULES.find((r) => r.id === id);
  return rule ? rule.title[lang] : id === 'flow-asymmetry' ? FLOW[lang].title : id;
}

export function ruleDescription(id: RuleId, lang: BundleLang): string {
  return BUNDLED_RULES.find((r) => r.id === id)?.description[lang] ?? '';
}

export const WORDS = {
  en: {
    docTitle: 'Fair Exit evidence report',
    page: 'Page',
    url: 'Address (URL)',
    pageTitle: 'Page title',
    scannedAt: 'Checked at',
    capturedAt: 'Screenshot taken at',
    browser: 'Browser',
    tool: 'Tool',
    accountHeading: 'What was found, in plain words',
    account: (n: number, review: number, when: string, site: string) =>
      `On ${when}, the Fair Exit browser extension checked the page of ${site} shown below and found ` +
      `${n === 1 ? '1 practice' : `${n} practices`} that make downgrading or cancelling harder than upgrading` +
      `${review ? `, and ${review === 1 ? '1 more point' : `${review} more points`} that a person should review` : ''}. ` +
      'The screenshot shows the screen as the user saw it; the numbered red outlines mark the buttons and links each finding names. ' +
      'The measured figures (size, contrast, position) are in each finding and in report.json.',
    accountNone: (when: string, site: string) => `On ${when}, the Fair Exit browser extension checked the page of ${site} shown below and found no problem.`,
    screenshot: 'The screen as the user saw it',
    fullPage: 'The whole page',
    crops: 'Each outlined control',
    noScreenshot: 'No screenshot was captured for this report.',
    findings: 'Findings',
    review: 'To be reviewed by a person (the tool could not decide)',
    severity: { high: 'high', medium: 'medium', low: 'low' } as Record<Severity, string>,
    verdict: { violation: 'problem', 'needs-review': 'needs review' } as Record<Verdict, string>,
    role: { upgrade: 'upgrade', retain: 'stay', downgrade: 'downgrade', cancel: 'cancel', other: 'other' } as Record<Role, string>,
    controls: 'Controls named',
    salience: 'prominence',
    notShown: 'not visible on the screen',
    measured: 'Measured evidence',
    files: 'Files in this bundle',
    verify: 'manifest.json lists every file of this bundle with its SHA-256 hash and size. Anyone can check that nothing was changed, e.g. with: sha256sum screenshot.png',
    absent: 'Not included',
    made: 'Made by Fair Exit, which runs on the user\u2019s own computer and sends nothing anywhere.',
    cropAlt: (n: number) => `Control ${n}`,
  },
  zh: {
    docTitle: 'Fair Exit 证据报告',
    page: '页面',
    url: '网址（URL）',
    pageTitle: '页面标题',
    scannedAt: '检测时间',
    capturedAt: '截图时间',
    browser: '浏览器',
    tool: '检测工具',
    accountHeading: '检测结果说明',
    account: (n: number, review: number, when: string, site: string) =>
      `${when}，Fair Exit 浏览器扩展检测了 ${site} 的下列页面，发现 ${n} 处使降级或取消比升级更难的做法` +
      `${review ? `，另有 ${review} 处需要人工复核` : ''}。` +
      '截图为用户当时看到的屏幕；红色编号框标出了各项发现所涉及的按钮和链接。各项测量数据（大小、对比度、位置）见每项发现及 report.json。',
    accountNone: (when: string, site: string) => `${when}，Fair Exit 浏览器扩展检测了 ${site} 的下列页面，未发现问题。`,
    screenshot: '用户当时看到的屏幕',
    fullPage: '整个页面',
    crops: '各个标出的控件',
    noScreenshot: '本报告没有截图。',
    findings: '发现的问题',
    review: '需要人工复核（工具无法判定）',
    severity: { high: '高', medium: '中', low: '低' } as Record<Severity, string>,
    verdict: { violation: '问题', 'needs-review': '待复核' } as Record<Verdict, string>,
    role: { upgrade: '升级', retain: '保留', downgrade: '降级', cancel: '取消', other: '其他' } as Record<Role, string>,
    controls: '涉及的控件',
    salience: '醒目程度',
    notShown: '屏幕上不可见',
    measured: '测量数据',
    files: '证据包中的文件',
    verify: 'manifest.json 列出了本证据包中每个文件的 SHA-256 哈希值和大小，任何人都可以核对文件未被改动，例如：sha256sum screenshot.png',
    absent: '未包含',
    made: '由 Fair Exit 生成。该工具在用户自己的电脑上运行，不向任何地方发送数据。',
    cropAlt: (n: number) => `控件 ${n}`,
  },
};

/** "2026-12-01 18:40:05 UTC+08:00 (Asia/Shanghai)": the capture's own clock and zone, stated. */
export function formatWhen(iso: string, offsetMinutes: number, zone: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const local = new Date(t + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(offsetMinutes);
  const date = `${local.getUTCFullYear()}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())}`;
  return `${date} UTC${sign}${p(Math.floor(off / 60))}:${p(off % 60)}${zone ? ` (${zone})` : ''}`;
}

export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || url;
  } catch {
    return url;
  }
}
