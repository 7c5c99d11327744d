/**
 * complaint.txt: a draft the user edits and files. Chinese pages get the shape of a 12315 complaint
 * (经营者, 事实与理由, 诉求); English pages a complaint for the FTC or a state attorney general.
 * Page text is quoted as it is: this is plain text, never rendered as markup.
 */
import type { PageReport } from '../report/schema';
import { numberControls } from './numbering';
import { formatWhen, ruleTitle, siteOf, type BundleLang } from './words';

export type ComplaintInput = { report: PageReport; lang: BundleLang; utcOffsetMinutes: number; timeZone: string };

function oneLine(s: string, max = 300): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function complaintText({ report, lang, utcOffsetMinutes, timeZone }: ComplaintInput): string {
  const when = formatWhen(report.scannedAt, utcOffsetMinutes, timeZone);
  const site = siteOf(report.url);
  const numbers = numberControls(report);
  const controls = new Map(report.controls.map((c) => [c.id, c]));
  const violations = report.findings.filter((f) => f.verdict === 'violation');
  const listed = violations.length ? violations : report.findings;
  const points = listed.map((f, i) => {
    const named = f.controls
      .map((id) => controls.get(id))
      .filter((c) => !!c)
      .map((c) => (lang === 'zh' ? `[${numbers.get(c!.id)}]“${oneLine(c!.text, 60)}”` : `[${numbers.get(c!.id)}] "${oneLine(c!.text, 60)}"`));
    const where = named.length ? (lang === 'zh' ? `（涉及控件：${named.join('、')}）` : ` (controls: ${named.join(', ')})`) : '';
    return `${i + 1}. ${ruleTitle(f.rule, lang)}${lang === 'zh' ? '：' : ': '}${oneLine(f.message)}${where}`;
  });
  return (lang === 'zh' ? zh(report, site, when, points) : en(report, site, when, points)).join('\n') + '\n';
}

function zh(report: PageReport, site: string, when: string, points: string[]): string[] {
  return [
    '消费投诉（草稿，请核对并补充后提交，例如通过全国12315平台）',
    '',
    '【投诉人】',
    '姓名：（请填写）',
    '联系电话：（请填写）',
    '账号/订单号：（请填写）',
    '',
    '【经营者】',
    `名称：（请填写经营者全称；网站：${site}）`,
    `网址：${report.url}`,
    '',
    '【事实与理由】',
    `本人使用该经营者提供的订阅服务。该经营者提供了便捷的升级、续费途径，但降级或取消服务的途径明显不对等。${when}，` +
      `本人在页面“${oneLine(report.title, 120)}”（${report.url}）上看到以下情况（Fair Exit 浏览器扩展检测并截图保存）：`,
    ...points,
    '',
    '上述做法使消费者降级或取消服务远比升级困难，侵害了消费者的自主选择权和公平交易权（《中华人民共和国消费者权益保护法》第九条、第十条）。',
    '',
    '【诉求】',
    '1. 提供与升级同等便捷的降级/取消途径；',
    '2. 为本人办理降级/取消，并自申请之日起停止按原套餐收费；（请按实际情况修改）',
    '3. 退还多收取的费用：（请填写金额，无则删除）',
    '',
    '【证据】',
    '随附 Fair Exit 证据包：screenshot.png（当时的屏幕截图，编号框与上文编号对应）、report.html（检测报告）、page.txt（页面文字）、report.json（检测数据）；',
    '各文件的 SHA-256 哈希值见 manifest.json，可用于核对文件未被改动。',
  ];
}

function en(report: PageReport, site: string, when: string, points: string[]): string[] {
  return [
    'Consumer complaint (draft: check it, complete it and file it, e.g. with the FTC at ReportFraud.ftc.gov or your state attorney general)',
    '',
    'Your name: (fill in)',
    'Contact (email / phone): (fill in)',
    'Account or order number: (fill in)',
    '',
    `Company: (fill in the company's name; website: ${site})`,
    `Web address: ${report.url}`,
    '',
    'What happened',
    `I have a subscription with this company. Upgrading or renewing takes one step, but downgrading or cancelling is made much harder. ` +
      `On ${when}, the page "${oneLine(report.title, 120)}" (${report.url}) showed the following (checked and captured by the Fair Exit browser extension):`,
    ...points,
    '',
    'These practices make it harder to cancel or downgrade than to sign up or upgrade. A subscription sold online must offer a simple way ' +
      'to stop recurring charges (Restore Online Shoppers\u2019 Confidence Act, 15 U.S.C. 8403), and practices like these may be unfair or deceptive (FTC Act, Section 5).',
    '',
    'What I ask for',
    '1. A way to downgrade or cancel online that is as easy as upgrading;',
    '2. My downgrade or cancellation to take effect from the date I asked for it; (edit as needed)',
    '3. A refund of charges made after that date: (amount, or delete this line)',
    '',
    'Evidence',
    'The attached Fair Exit evidence bundle: screenshot.png (the screen as I saw it; the numbered outlines match the numbers above), ' +
      'report.html (the findings), page.txt (the page text) and report.json (the measurements). manifest.json lists the SHA-256 hash of every file, so any change can be detected.',
  ];
}
