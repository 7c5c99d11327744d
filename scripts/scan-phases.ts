/**
 * Developer aid: where one bench page's scan spends its time, phase by phase, measured apart
 * (docs/speed.md). The engine is bundled (as scan-bundle.ts does) with a mark before each phase, run
 * in an isolated world of the page (as a content script runs), and after the scan what the content
 * script does (the survey check, the report as JSON). Each mark is also a performance.mark, whose
 * thread time Chromium's trace gives: the phases' CPU time (which a busy machine stretches less than
 * their wall time, printed beside). Medians and the fastest of N scans.
 *
 *   npx tsx scripts/scan-phases.ts [--page plan-10k] [--runs 21] [--warmup 3] [--between sleep|major|minor|none] [--sliced] [--walk-again] [--profile] [--steps] [--each] [--json]
 *
 * --between: what comes before each measured scan: `sleep` a second of idle time (as the bench's
 * rescans, a second or so apart, with no full collection between them in Chromium's trace), `major`
 * a full garbage collection (the default), `minor` a scavenge, `none` (or --warm) nothing.
 * --sliced: the content script's sliced scan (scanPageInSlices) instead of the scan at once.
 * --walk-again: each scan reads the text from the last scan's walk, as a scan after changes of attributes alone does.
 * --warmup: scans made before the measured ones (default 3). --each: every measured scan's CPU time by phase.
 * --steps: the five longest steps of each scan (a step runs whole, in one slice of the content script's scan; with --sliced,
 * the time the scan yielded to the page is not in them), with the phase
 * each began in (and ended in, when another).
 * --rules: each rule's check a phase of its own ("rule hidden-exit"), in place of the one "rules" phase.
 * --profile: V8's sampling profiler over each scan, self and total time by function, the median of
 * the scans (it samples by wall clock: a scan whose thread was descheduled is left out by the median).
 * JS_FLAGS=…: more V8 flags for the browser (`JS_FLAGS=--max-opt=1`: no optimising tiers).
 * SINGLE_PROCESS=1: the page runs in the browser's own process, whose output Playwright reads: what V8
 * prints (`SINGLE_PROCESS=1 JS_FLAGS=--trace-deopt DEBUG=pw:browser`: each deoptimisation) can be seen,
 * which a renderer's cannot.
 */
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../src/audit/browser';
import { LocalServer } from '../src/audit/server';
import { benchPages } from '../bench/pages';
import { eachSample, frameName, startProfiler, stopProfiler, type SampledProfile } from '../bench/samples';
import { cpuBetweenMarks } from '../bench/trace';
import { bundleDefines } from '../src/rules/bundle-defines';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const pageName = arg('--page', 'plan-10k');
const runs = Number(arg('--runs', '21'));
/** Scans before the measured ones (the first compiles the word lists; V8 optimises the engine's code over the first few). */
const warmup = Number(arg('--warmup', '3'));
/** What comes between two measured scans: a full garbage collection (as after a page's idle time), a scavenge only, or nothing. */
const between = argv.includes('--warm') ? 'none' : arg('--between', 'major');

/** Marks put before a line of the engine's source: [file, the line's start, phase that starts there]. */
const MARKS: [RegExp, string, string][] = [
  [/rules\/word-lists\.ts$/, 'const words = preparedWords();', 'lexicon: parse'],
  [/rules\/word-lists\.ts$/, 'shared ??= new Lexicon(lexiconLists(), words', 'lexicon: make'],
  [/engine\/scan\.ts$/, 'const pre = yield* precheckSteps(', 'precheck'],
  [/engine\/precheck\.ts$/, "const hopeless = () => look.mayFind('plan')", 'precheck: first look'],
  [/engine\/precheck\.ts$/, 'const read = yield* pageReadSteps(doc, PAGE_TEXT', 'precheck: walk'],
  [/engine\/precheck\.ts$/, 'const own = titled(doc.title, read.text);', 'precheck: prepare'],
  [/rules\/lexicon\.ts$/, 'yield* this.scan.fillSteps();', 'precheck: prepare: pieces'],
  [/rules\/lexicon\.ts$/, 'return new LiteralScan(slots, offsets, up);', 'precheck: prepare: fill'],
  [/engine\/precheck\.ts$/, "if (yield* lists.says('plans', own))", 'precheck: lists'],
  [/engine\/scan\.ts$/, 'const language = languageOf(', 'language'],
  [/engine\/scan\.ts$/, 'const found = yield* discoverControlsSteps(', 'discovery'],
  [/engine\/scan\.ts$/, 'const purchases = new PurchaseScopes();', 'candidates'],
  [/engine\/scan\.ts$/, 'stepDownTiers(controls, lexicon);', 'dialogs and tiers'],
  [/engine\/scan\.ts$/, 'const nearIndex = yield* indexControlsByAncestorSteps(', 'near'],
  [/engine\/scan\.ts$/, 'const facts = pageFacts(doc', 'page facts'],
  [/engine\/scan\.ts$/, 'const page = classifyPage(', 'page kind'],
  [/engine\/scan\.ts$/, 'const blocks = yield* collectTextBlocksSteps(', 'text blocks'],
  [/engine\/text-blocks\.ts$/, 'const nearIndex = ctx.nearIndex;', 'text blocks: match'],
  [/engine\/text-blocks\.ts$/, 'const blocks: TextBlock[] = [];', 'text blocks: measure'],
  [/scan-page\.ts$/, 'const findings = endedAtPrecheck(snapshot)', 'rules'],
  [/scan-page\.ts$/, 'const controls = yield* reportControls(', 'report controls'],
  [/scan-page\.ts$/, 'const report: PageReport = {', 'end'],
];

async function bundle(): Promise<string> {
  const used = new Set<string>();
  const entry = `
    import { scanPage, scanPageInSlices } from './src/scan-page';
    import { exitSurveyQuestion } from './src/flows/survey';
    import { bundledLexicon } from './src/rules/word-lists';
    (globalThis as any).__fe = { scanPage, scanPageInSlices, exitSurveyQuestion, bundledLexicon };`;
  const out = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    // As the extension's build: the data checked and the word lists' matchers prepared (src/rules/bundle-defines.ts).
    define: { 'import.meta.glob': 'undefined', ...bundleDefines() },
    plugins: [
      {
        name: 'marks-and-glob',
        setup(b) {
          b.onLoad({ filter: /(catalog|scan|scan-page|scan-timing|evaluate|text-blocks|precheck|word-lists|lexicon)\.ts$/ }, (a) => {
            let src = readFileSync(a.path, 'utf8');
            if (a.path.endsWith('rules/evaluate.ts')) {
              const line = 'const run = CHECKS[rule.check.kind]';
              if (argv.includes('--rules') && src.includes(line)) src = src.replace(line, `(globalThis as any).__mark?.('rule ' + rule.id); ${line}`);
              return { contents: src, loader: 'ts' };
            }
            if (a.path.endsWith('scan-timing.ts')) {
              // --steps: each step of the scan timed, with the phase it ran in (the top-level steps only),
              // in both runners (at once, and in slices with --sliced).
              const step = 'const r = steps.next();';
              if (src.split(step).length !== 3) throw new Error('scan-phases: the source moved, no place for the steps of both runners');
              src = src.replaceAll(step, `const t = performance.now(); ${step} (globalThis as any).__step?.(performance.now() - t);`);
              return { contents: src, loader: 'ts' };
            }
            if (a.path.endsWith('catalog.ts')) {
              // The catalog loads rules/*.json with Vite's import.meta.glob: spelled out as imports here.
              const names = readdirSync('rules').filter((n) => n.endsWith('.json'));
              const imports = names.map((n, i) => `import r${i} from '../../rules/${n}';`).join('\n');
              src = imports + src.replace(/import\.meta\.glob\([^)]*\)/, `{${names.map((n, i) => `'${n}': r${i}`).join(',')}}`);
              return { contents: src, loader: 'ts', resolveDir: resolve('src/rules') };
            }
            for (const [file, line, name] of MARKS) {
              if (!file.test(a.path) || !src.includes(line)) continue;
              src = src.replace(line, `(globalThis as any).__mark?.(${JSON.stringify(name)}); ${line}`);
              used.add(name);
            }
            return { contents: src, loader: 'ts' };
          });
        },
      },
    ],
  });
  const missing = MARKS.filter(([, , n]) => !used.has(n)).map(([, , n]) => n);
  if (missing.length) throw new Error(`scan-phases: the source moved, no place for: ${missing.join(', ')}`);
  return out.outputFiles[0].text;
}

/**
 * One scan in the isolated world, with a mark before each phase and after the scan what the content
 * script does. Each mark is also a performance.mark, which Chromium's trace gives with the thread's
 * CPU clock: the phases' CPU time, which other processes on a busy machine do not stretch.
 */
const ONE_SCAN = `(async () => {
  const SLICED = ${argv.includes('--sliced')};
  const WALK_AGAIN = ${argv.includes('--walk-again')};
  const marks = [];
  const STEPS = ${argv.includes('--steps')};
  let phase = '';
  const steps = [];
  globalThis.__mark = (name) => {
    phase = name;
    marks.push([name, performance.now()]);
    performance.mark('fe-phase:' + name);
  };
  const fe = globalThis.__fe;
  // A step is named by the phase it began in and, if another, the one it ended in.
  let from = '(setup)';
  if (STEPS)
    globalThis.__step = (ms) => {
      steps.push([ms, from === phase ? phase : from + ' → ' + phase]);
      from = phase;
    };
  __mark('(setup)');
  // --walk-again: as after a change of attributes alone, the last scan's walk of the text is read again.
  const opts = WALK_AGAIN && globalThis.__walk ? { walk: globalThis.__walk } : {};
  const { report, snapshot } = SLICED ? await fe.scanPageInSlices(document, opts) : fe.scanPage(document, opts);
  if (WALK_AGAIN) globalThis.__walk = snapshot.walk;
  if (globalThis.__keepLast) globalThis.__last = snapshot;
  __mark('survey');
  snapshot.noExitSurvey ? null : fe.exitSurveyQuestion(document, fe.bundledLexicon(), snapshot.pageText, snapshot.textUpTo);
  __mark('report as JSON');
  const json = JSON.stringify(report);
  __mark('(after)');
  performance.clearMarks();
  globalThis.__step = undefined;
  const out = { json: json.length };
  if (STEPS) out.steps = steps.sort((a, b) => b[0] - a[0]).slice(0, 5);
  for (const [k, v] of Object.entries(globalThis.__sub ?? {})) out['sub:' + k] = v;
  globalThis.__sub && Object.keys(globalThis.__sub).forEach((k) => (globalThis.__sub[k] = 0));
  for (let i = 0; i + 1 < marks.length; i++) out[marks[i][0]] = (out[marks[i][0]] ?? 0) + marks[i + 1][1] - marks[i][1];
  return out;
})()`;

const page = benchPages(false).find((p) => p.name === pageName);
if (!page) throw new Error(`no page ${pageName}`);
const dir = mkdtempSync(join(tmpdir(), 'fe-phases-'));
const file = join(dir, `${page.name}.html`);
writeFileSync(file, page.html);
const code = await bundle();
if (process.env.DUMP) writeFileSync(process.env.DUMP, code);
const server = new LocalServer();
await server.start();
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-gpu', ...(process.env.SINGLE_PROCESS ? ['--single-process'] : []), `--js-flags=--expose-gc ${process.env.JS_FLAGS ?? ''}`],
});
try {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await tab.goto(server.urlFor(file), { waitUntil: 'load' });
  const cdp = await tab.context().newCDPSession(tab);
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'fe-phases' })) as { executionContextId: number };
  const run = async (expression: string) => {
    const r = (await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, returnByValue: true, awaitPromise: true })) as {
      result: { value?: unknown };
      exceptionDetails?: { exception?: { description?: string } };
    };
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? 'evaluate failed');
    return r.result.value;
  };
  await run(code);
  // KEEP=1: the last scan's snapshot (and so its walk's nodes) kept alive until the next scan.
  if (process.env.KEEP) await run('globalThis.__keepLast = true');
  // The first scans compile the word lists and fill what is kept between scans: as the bench, not measured.
  for (let i = 0; i < warmup; i++) await run(ONE_SCAN);
  const rows: Record<string, number>[] = [];
  const profile = argv.includes('--profile');
  const profiles: SampledProfile[] = [];
  const cpuRows: Record<string, number>[] = [];
  let events: { name: string; ph: string; ts: number; tts?: number }[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as typeof events)));
  for (let i = 0; i < runs; i++) {
    if (between === 'major') await cdp.send('HeapProfiler.collectGarbage');
    else if (between === 'minor') await run(`gc({ type: 'minor' })`);
    else if (between === 'sleep') await new Promise((r) => setTimeout(r, 1000));
    events = [];
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['blink.user_timing'], excludedCategories: ['*'] }, transferMode: 'ReportEvents' } as never);
    if (profile) await startProfiler(cdp, 50);
    rows.push((await run(ONE_SCAN)) as Record<string, number>);
    if (profile) profiles.push(await stopProfiler(cdp));
    await cdp.send('Tracing.end');
    await done;
    const { '(all)': _all, ...phases } = cpuBetweenMarks(events, 'fe-phase:');
    cpuRows.push(phases);
  }
  if (profile) printProfiles(profiles);
  if (argv.includes('--each'))
    for (const [i, r] of cpuRows.entries())
      console.log(
        `scan ${warmup + i + 1}: ${Object.entries(r)
          .map(([k, ms]) => `${k} ${ms.toFixed(1)}`)
          .join(' · ')}`,
      );
  const keys = Object.keys(rows[0]).filter((k) => k !== 'json' && k !== 'steps');
  const scanKeys = keys.filter((k) => k !== 'survey' && k !== 'report as JSON');
  for (const r of [...rows, ...cpuRows]) {
    r['whole scan'] = scanKeys.reduce((a, k) => a + (r[k] ?? 0), 0);
    r['with survey, JSON'] = keys.reduce((a, k) => a + (r[k] ?? 0), 0);
  }
  keys.push('whole scan', 'with survey, JSON');
  const stat = (rs: Record<string, number>[], k: string) => {
    const xs = rs.map((r) => r[k] ?? 0).sort((a, b) => a - b);
    return { median: xs[Math.floor(xs.length / 2)], fastest: xs[0] };
  };
  const table = Object.fromEntries(keys.map((k) => [k, { cpu: stat(cpuRows, k), wall: stat(rows, k) }]));
  const how = { none: 'back to back', minor: 'each after a scavenge', sleep: 'a second apart', major: 'each after a garbage collection' }[between];
  if (argv.includes('--json')) console.log(JSON.stringify({ page: page.name, runs, between, load: loadavg()[0], phases: table }));
  else {
    console.log(`${page.name}, ${runs} scans ${how}; report ${rows[0].json} characters as JSON; load ${loadavg()[0].toFixed(1)}`);
    console.log(`${'ms'.padEnd(20)} ${'CPU median'.padStart(10)} ${'fastest'.padStart(8)}   ${'wall median'.padStart(11)} ${'fastest'.padStart(8)}`);
    for (const k of keys) {
      const { cpu, wall } = table[k];
      console.log(
        `${k.padEnd(20)} ${cpu.median.toFixed(2).padStart(10)} ${cpu.fastest.toFixed(2).padStart(8)}   ${wall.median.toFixed(2).padStart(11)} ${wall.fastest.toFixed(2).padStart(8)}`,
      );
    }
    if (argv.includes('--steps')) {
      console.log('longest steps of each scan (wall ms, phase):');
      for (const r of rows) console.log(`  ${(r.steps as unknown as [number, string][]).map(([ms, ph]) => `${ms.toFixed(1)} ${ph}`).join(' · ')}`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}

/**
 * `--profile`: the V8 sampling profiler over each measured scan, self and total time by function,
 * the median over the scans: the profiler samples by wall clock, and a scan during which the thread
 * was descheduled charges that time to whatever function it was in (the median leaves such scans out).
 */
function printProfiles(ps: SampledProfile[]): void {
  const selfs: Map<string, number>[] = [];
  const totals: Map<string, number>[] = [];
  for (const p of ps) {
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    eachSample(p, (stack, us) => {
      self.set(frameName(stack[0]), (self.get(frameName(stack[0])) ?? 0) + us);
      for (const k of new Set(stack.map(frameName))) total.set(k, (total.get(k) ?? 0) + us);
    });
    selfs.push(self);
    totals.push(total);
  }
  const top = Number(process.env.TOP ?? 45);
  for (const [title, maps] of [
    ['self', selfs],
    ['total', totals],
  ] as const) {
    const names = new Set(maps.flatMap((m) => [...m.keys()]));
    const med = [...names].map((k) => {
      const xs = maps.map((m) => m.get(k) ?? 0).sort((a, b) => a - b);
      return [k, xs[Math.floor(xs.length / 2)]] as const;
    });
    console.log(`\n${title}, ms per scan (median of ${maps.length} scans)`);
    for (const [k, us] of med.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(2).padStart(8)}  ${k}`);
  }
}
