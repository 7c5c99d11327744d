import { existsSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseAst } from 'vite';
import { LONG_STRING, longTemplates, quoted } from '../../src/build/quoted-strings';

type Program = Parameters<typeof longTemplates>[0];
const rewrite = (code: string) => quoted(code, longTemplates(parseAst(code) as unknown as Program));
/** The value of `out` after the code has run (build output, in a context of its own). */
const run = (code: string): unknown => runInNewContext(`${code}; out;`);

describe('long template literals written back as quoted strings (build)', () => {
  const data = `{"a":"it's \\"quoted\\"","b":"降级 \\\\ \u2028 ${'x'.repeat(LONG_STRING)}"}`;
  // What the minifier writes: a template literal, with its backslashes and backticks escaped.
  const asTemplate = '`' + data.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';

  it('gives the same value as a double-quoted literal', () => {
    const code = `var out = JSON.parse(${asTemplate});`;
    const out = rewrite(code);
    expect(out).not.toContain('`');
    expect(out.startsWith('var out = JSON.parse("')).toBe(true);
    expect(run(out)).toEqual(run(code));
  });

  it('leaves short templates, templates with substitutions and tagged templates as they are', () => {
    const long = 'y'.repeat(LONG_STRING);
    const code = `var n = 1; var out = [\`short\`, \`${long}\${n}\`, String.raw\`${long}\\n\`];`;
    expect(rewrite(code)).toBe(code);
  });

  it('rewrites several in one chunk', () => {
    const long = (c: string) => '`' + c.repeat(LONG_STRING) + '`';
    const code = `var out = [${long('a')}, 1, ${long('b')}].join("|");`;
    const out = rewrite(code);
    expect(out.match(/`/g)).toBeNull();
    expect(run(out)).toBe(run(code));
  });
});

// Chromium's content script is a module that a loader imports (src/build/module-content-script.ts).
const BUILT = '.output/chrome-mv3/content-scripts/content-main.js';

describe('the built content script', () => {
  // npm test builds before the tests; a bare `vitest run` on a fresh checkout has no build to read.
  it.skipIf(!existsSync(BUILT))('holds no long template literal (the word data is quoted)', () => {
    const code = readFileSync(BUILT, 'utf8');
    expect(longTemplates(parseAst(code) as unknown as Program)).toEqual([]);
    // The word data is there, quoted.
    expect(code).toContain('"[[{\\"source\\":');
  });
});
