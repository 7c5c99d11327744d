/** Developer aid: bundles the scan and runs it in Chromium on one page, printing timings and the report. */
import { chromium } from 'playwright-core';
import { findChromium } from '../src/audit/browser';
import { LocalServer } from '../src/audit/server';
import { scanBundle } from './scan-bundle';
import { resolve } from 'node:path';

const file = resolve(process.argv[2]);
const bundle = await scanBundle();
const server = new LocalServer();
await server.start();
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on('console', (m) => console.error('console:', m.text()));
await page.goto(server.urlFor(file));
await page.waitForTimeout(Number(process.env.WAIT ?? 500));
await page.addScriptTag({ content: bundle });
const result = await page.evaluate(
  (env) => {
    const process = { env };
    const t0 = performance.now();
    (globalThis as any).__scan(document);
    const t1 = performance.now();
    const b = (globalThis as any).__scan(document);
    const t2 = performance.now();
    return {
      first: t1 - t0,
      second: t2 - t1,
      report: b.report,
      signals: b.snapshot.pageSignals,
      kind: b.snapshot.pageKind,
      controls: process.env.ALL
        ? b.snapshot.controls.map((c: any) => ({ id: c.id, kind: c.kind, role: c.role, text: c.text.slice(0, 40), tags: c.tags, checked: c.checked, near: c.near }))
        : [],
      blocks: b.snapshot.blocks.map((x: any) => ({
        text: x.text.slice(0, Number(process.env.TEXTLEN ?? 80)),
        prose: x.prose,
        near: x.nearControls,
        vis: x.visible,
        dlg: x.inDialog,
      })),
    };
  },
  { ALL: process.env.ALL, TEXTLEN: process.env.TEXTLEN },
);
if (process.env.ALL) for (const c of result.controls) console.log('C', JSON.stringify(c));
console.log(JSON.stringify({ first: result.first, second: result.second, kind: result.kind, signals: result.signals, blocks: result.blocks }, null, 1));
for (const c of result.report.controls) console.log(c.id, c.role, JSON.stringify(c.text.slice(0, 50)), c.salience, c.visible, process.env.MEASURE ? JSON.stringify(c.factors) : '');
for (const f of result.report.findings) console.log('F', f.rule, f.verdict, f.message.slice(0, 120), process.env.EVIDENCE ? JSON.stringify(f.evidence) : '');
await browser.close();
await server.stop();
