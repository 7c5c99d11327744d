/**
 * Build side (never bundled): the `define`s every bundle of the engine gets. The rules and word lists
 * are checked here, with their schemas, and must be exactly what their schemas give back (no field a
 * schema would drop), so that a page may take them as bundled (build-checked.ts); and the word lists'
 * matchers are prepared (compiled-words-define.ts). A rule or list that does not hold fails the build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DATA_CHECKED_GLOBAL } from './build-checked';
import { compiledWordsDefine } from './compiled-words-define';
import { parseRule } from './parse-rule';
import { parseWordList } from './word-lists';

const ROOT = join(import.meta.dirname, '..', '..');

/** Throws unless `raw` holds and is exactly what `parse` gives back (but for `$schema`). */
export function checkAsBundled(raw: Record<string, unknown>, source: string, parse: (raw: unknown, source: string) => unknown): void {
  // `$schema` is the editor's pointer to the JSON schema (docs/rule-syntax.md): the schema drops it, and nothing reads it.
  const { $schema: _editorHint, ...rest } = raw;
  if (!isDeepStrictEqual(parse(raw, source), rest)) throw new Error(`${source}: holds fields its schema does not know (a page would read them as they are)`);
}

function checkFile(dir: string, name: string, parse: (raw: unknown, source: string) => unknown): void {
  checkAsBundled(JSON.parse(readFileSync(join(ROOT, dir, name), 'utf8')) as Record<string, unknown>, `${dir}/${name}`, parse);
}

/** Throws, naming the file, when a bundled rule or word list does not hold. */
export function checkBundledData(): void {
  for (const name of readdirSync(join(ROOT, 'rules')).filter((n) => n.endsWith('.json'))) checkFile('rules', name, parseRule);
  for (const name of readdirSync(join(ROOT, 'rules', 'words')).filter((n) => n.endsWith('.json'))) checkFile(join('rules', 'words'), name, parseWordList);
}

export function bundleDefines(): Record<string, string> {
  checkBundledData();
  return { ...compiledWordsDefine(), [DATA_CHECKED_GLOBAL]: 'true' };
}
