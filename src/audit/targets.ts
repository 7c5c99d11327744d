/** Turns command-line targets into URLs to open; local files are served from a loopback server. */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** `root`: for a page found in a folder target, that folder (served whole, so pages in subfolders reach shared files). */
export type Target = { input: string; kind: 'url' | 'file'; path?: string; root?: string; error?: string };

export function expandTargets(inputs: string[]): Target[] {
  const out: Target[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      try {
        new URL(input);
        out.push({ input, kind: 'url' });
      } catch {
        out.push({ input, kind: 'url', error: 'not a valid URL' });
      }
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
      out.push({ input, kind: 'url', error: 'only http(s) URLs, local .html files and folders can be audited' });
      continue;
    }
    const path = resolve(input);
    if (!existsSync(path)) {
      out.push({ input, kind: 'file', path, error: 'no such file or folder' });
    } else if (statSync(path).isDirectory()) {
      const pages = htmlFilesIn(path);
      if (pages.length === 0) out.push({ input, kind: 'file', path, error: 'folder holds no .html file' });
      // A page of a folder is named as the user named the folder (no absolute path in a published table).
      for (const p of pages) out.push({ input: join(input, relative(path, p)), kind: 'file', path: p, root: path });
    } else if (!/\.html?$/i.test(extname(path))) {
      out.push({ input, kind: 'file', path, error: 'not an .html file' });
    } else out.push({ input, kind: 'file', path });
  }
  return out;
}

function htmlFilesIn(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFilesIn(p));
    else if (/\.html?$/i.test(name)) out.push(p);
  }
  return out;
}

/**
 * The targets listed in a `--urls` file: one a line, blank lines and `#` comments skipped (a `#`
 * after a space also starts a comment; a `#` inside a URL does not). A relative path is a local
 * file resolved against the list file's folder, like a flow's `start`.
 */
export function parseTargetList(text: string, listDir: string, cwd = process.cwd()): string[] {
  const out: string[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line) || isAbsolute(line)) out.push(line);
    else out.push(relative(cwd, resolve(listDir, line)) || '.');
  }
  return out;
}

export function readTargetList(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`--urls ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return parseTargetList(text, dirname(resolve(file)));
}

/**
 * The normalized string of a target: a URL as the URL parser writes it, a local file as its path
 * relative to the working folder with `/` separators (the same on every machine that runs the
 * audit from the project folder). Shards and duplicate removal use it.
 */
export function targetKey(t: Target, cwd = process.cwd()): string {
  if (t.kind === 'url') {
    try {
      return new URL(t.input).href;
    } catch {
      return t.input;
    }
  }
  return relative(cwd, t.path ?? resolve(t.input))
    .split(sep)
    .join('/');
}

/** The shard (1..n) a target belongs to: a hash of its key, so adding targets moves no other. */
export function shardOf(key: string, n: number): number {
  const h = createHash('sha256').update(key, 'utf8').digest();
  return (h.readUInt32BE(0) % n) + 1;
}

/** Drops repeated targets (same key); the audit matches reports to tabs by URL. */
export function dedupeTargets(targets: Target[], cwd = process.cwd()): { targets: Target[]; repeated: Target[] } {
  const seen = new Set<string>();
  const kept: Target[] = [];
  const repeated: Target[] = [];
  for (const t of targets) {
    const key = t.error ? `error:${t.input}` : targetKey(t, cwd);
    if (seen.has(key)) repeated.push(t);
    else {
      seen.add(key);
      kept.push(t);
    }
  }
  return { targets: kept, repeated };
}

/** A short, file-system-safe name for a target's bundle folder. */
export function targetSlug(t: Target): string {
  let s: string;
  if (t.kind === 'url') {
    try {
      const u = new URL(t.input);
      s = `${u.hostname}${u.pathname === '/' ? '' : u.pathname}`;
    } catch {
      s = t.input;
    }
  } else
    s = (t.path ?? t.input)
      .split(/[\\/]/)
      .pop()!
      .replace(/\.html?$/i, '');
  return (
    s
      .replace(/[^\w.-]+/g, '_')
      .replace(/^[._]+|_+$/g, '')
      .slice(0, 60) || 'page'
  );
}
