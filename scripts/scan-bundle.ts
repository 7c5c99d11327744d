/** The scan bundled for a page (`globalThis.__scan = scanPage`), with the rule files inlined: for the developer aids. */
import { build } from 'esbuild';
import { bundleDefines } from '../src/rules/bundle-defines';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export async function scanBundle(): Promise<string> {
  const out = await build({
    stdin: { contents: "import { scanPage } from './src/scan-page'; (globalThis as any).__scan = scanPage;", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    define: { 'import.meta.glob': 'undefined', ...bundleDefines() },
    plugins: [
      {
        name: 'glob',
        setup(b) {
          // The catalog loads rules/*.json with Vite's import.meta.glob: spelled out as imports here.
          b.onLoad({ filter: /catalog\.ts$/ }, (a) => {
            const src = readFileSync(a.path, 'utf8');
            const names = readdirSync('rules').filter((n) => n.endsWith('.json'));
            const imports = names.map((n, i) => `import r${i} from '../../rules/${n}';`).join('\n');
            return {
              contents: imports + src.replace(/import\.meta\.glob\([^)]*\)/, `{${names.map((n, i) => `'${n}': r${i}`).join(',')}}`),
              loader: 'ts',
              resolveDir: resolve('src/rules'),
            };
          });
        },
      },
    ],
  });
  return out.outputFiles[0].text;
}
