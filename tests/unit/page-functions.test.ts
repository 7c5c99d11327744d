/**
 * The audit, the bench and the developer scripts run from their TypeScript source under tsx, whose
 * compiler keeps function names by wrapping each named function inside another in a call to its helper
 * `__name(…)`. A function handed to the browser (`page.evaluate`, `addInitScript`, …) is sent as its
 * source, and the page has no such helper: it throws at that line. Until the forty-seventh session the
 * audit's watch of page changes did so in every page, unseen, since vitest's compiler does not wrap.
 * This checks that no function sent that way names a function inside it (src/audit/page-script.ts sends
 * one that must, with a stand-in for the helper).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/audit/browser';

const SENT = new Set(['evaluate', 'evaluateHandle', 'addInitScript', 'waitForFunction', '$eval', '$$eval', 'evaluateAll']);
const FOLDERS = ['src/audit', 'bench', 'scripts'];

/** Names of functions and classes bound to a name inside `fn` (what esbuild's keepNames wraps). */
function namedInside(fn: ts.Node): string[] {
  const names: string[] = [];
  const isFunction = (n: ts.Node | undefined) => !!n && (ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isClassExpression(n));
  const visit = (n: ts.Node) => {
    if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name) names.push(n.name.text);
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && isFunction(n.initializer)) names.push(n.name.text);
    if (ts.isPropertyAssignment(n) && isFunction(n.initializer)) names.push(n.name.getText());
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn, visit);
  return names;
}

function sentFunctions(file: string): { line: number; names: string[] }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; names: string[] }[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && SENT.has(n.expression.name.text)) {
      const fn = n.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
      const names = fn ? namedInside(fn) : [];
      if (names.length) found.push({ line: source.getLineAndCharacterOfPosition(n.getStart()).line + 1, names });
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

describe('functions sent to the browser from code run under tsx', () => {
  it('name no function inside them', () => {
    const files = FOLDERS.flatMap((d) =>
      readdirSync(join(PROJECT_ROOT, d), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(PROJECT_ROOT, d, f)),
    );
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((f) => sentFunctions(f).map((s) => `${f.slice(PROJECT_ROOT.length + 1)}:${s.line} ${s.names.join(', ')}`));
    expect(offenders).toEqual([]);
  });

  it('finds the shapes the compiler wraps, and not those it leaves', () => {
    const fn = ts.createSourceFile(
      'x.ts',
      `page.evaluate(() => { const a = () => 1; function b() {} const c = { d: () => 2, e() {} }; [1].map((x) => x); const f = 3; class G {} });`,
      ts.ScriptTarget.Latest,
      true,
    );
    const call = fn.statements[0] as ts.ExpressionStatement;
    expect(namedInside((call.expression as ts.CallExpression).arguments[0])).toEqual(['a', 'b', 'd', 'G']);
  });
});
