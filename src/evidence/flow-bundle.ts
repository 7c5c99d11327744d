/**
 * The evidence bundle of a recorded flow: both paths with every step (flow.json, steps.txt), the
 * screen after each step that was captured (steps/exit-03.png), and manifest.json with the SHA-256
 * of every file. The step list also goes into a page's bundle (flowFiles, as extra files).
 */
import type { SavedFlow } from '../flows/saved-flow';
import type { PathRecord } from '../report/schema';
import { dataUrlBytes, utf8 } from './bytes';
import { manifestFor } from './manifest';
import { zipFiles, type BundleFile } from './zip';

type Lang = 'zh' | 'en';

const WORDS = {
  en: {
    join: 'The way in',
    exit: 'The way out',
    clicks: 'clicks',
    pages: 'pages',
    interstitials: 'retention screens',
    completed: 'finished',
    notCompleted: 'NOT finished',
    notRecorded: 'not recorded',
    findings: 'Findings',
    none: 'none',
    interstitial: 'retention screen',
    shot: 'screenshot',
  },
  zh: {
    join: '加入的路径',
    exit: '离开的路径',
    clicks: '次点击',
    pages: '个页面',
    interstitials: '个挽留页面',
    completed: '已完成',
    notCompleted: '未能完成',
    notRecorded: '未录制',
    findings: '发现的问题',
    none: '无',
    interstitial: '挽留页面',
    shot: '截图',
  },
} as const;

export function flowLang(flow: SavedFlow): Lang {
  return (flow.exit?.language ?? flow.join?.language) === 'zh' ? 'zh' : 'en';
}

export function shotName(direction: 'join' | 'exit', index: number): string {
  return `steps/${direction}-${String(index).padStart(2, '0')}.png`;
}

/** The readable step list of both paths. */
export function stepsText(flow: SavedFlow, shots: Map<string, string> = new Map()): string {
  const lang = flowLang(flow);
  const w = WORDS[lang];
  const lines = [flow.name, ''];
  for (const direction of ['join', 'exit'] as const) {
    const p: PathRecord | null = flow[direction];
    lines.push(`${w[direction]}: ${p ? summary(p, lang) : w.notRecorded}`);
    p?.steps.forEach((s, i) => {
      const shot = flow.shots?.[direction]?.[i];
      const parts = [`  ${String(i).padStart(2, ' ')}. ${s.action}`, s.text ? `“${s.text}”` : '', s.role && s.role !== 'other' ? `[${s.role}]` : '', s.url];
      if (s.interstitial) parts.push(`(${w.interstitial}: ${(s.signals ?? []).join(', ')})`);
      if (shot && shots.has(shot)) parts.push(`${w.shot}: ${shotName(direction, i)}`);
      lines.push(parts.filter(Boolean).join(' '));
    });
    lines.push('');
  }
  lines.push(`${w.findings}:`);
  if (flow.findings.length === 0) lines.push(`  ${w.none}`);
  for (const f of flow.findings) lines.push(`  ${f.severity} ${f.rule}: ${f.message}`);
  return `${lines.join('\n')}\n`;
}

function summary(p: PathRecord, lang: Lang): string {
  const w = WORDS[lang];
  return `${p.completed ? w.completed : w.notCompleted} · ${p.clicks} ${w.clicks} · ${p.pages} ${w.pages} · ${p.interstitials} ${w.interstitials}`;
}

/** The flow's own record, as the audit reports it (FlowReport) plus where and when. */
function flowJson(flow: SavedFlow): string {
  const { name, site, createdAt, updatedAt, join, exit, findings } = flow;
  return `${JSON.stringify({ name, site, recordedFrom: new Date(createdAt).toISOString(), recordedTo: new Date(updatedAt).toISOString(), paths: { join, exit }, findings }, null, 2)}\n`;
}

/** The step list as extra files of a page's bundle. */
export function flowFiles(flow: SavedFlow): BundleFile[] {
  return [
    { name: 'flow/flow.json', bytes: utf8(flowJson(flow)) },
    { name: 'flow/steps.txt', bytes: utf8(stepsText(flow)) },
  ];
}

export type FlowBundle = { fileName: string; files: BundleFile[]; zip: Uint8Array };

export async function buildFlowBundle(flow: SavedFlow, shots: Map<string, string>, tool: { name: string; version: string }): Promise<FlowBundle> {
  const files: BundleFile[] = [
    { name: 'flow.json', bytes: utf8(flowJson(flow)) },
    { name: 'steps.txt', bytes: utf8(stepsText(flow, shots)) },
  ];
  const absent: { name: string; reason: string }[] = [];
  for (const direction of ['join', 'exit'] as const) {
    flow[direction]?.steps.forEach((_s, i) => {
      const id = flow.shots?.[direction]?.[i];
      const dataUrl = id ? shots.get(id) : undefined;
      if (dataUrl) files.push({ name: shotName(direction, i), bytes: dataUrlBytes(dataUrl) });
      else absent.push({ name: shotName(direction, i), reason: 'the tab was not in front when this step was shown, or the screen was not captured' });
    });
  }
  const start = flow.exit?.steps[0]?.url ?? flow.join?.steps[0]?.url ?? '';
  const at = new Date(flow.updatedAt);
  files.push(await manifestFor(files, { tool, url: start, scannedAt: at.toISOString(), capturedAt: at.toISOString(), absent }));
  const site =
    flow.site
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .slice(0, 60) || 'site';
  return { fileName: `fair-exit-flow_${site}_${at.toISOString().slice(0, 10)}.zip`, files, zip: zipFiles(files, at) };
}
