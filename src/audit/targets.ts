/** Turns command-line targets into URLs to open; local files are served from a loopback server. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

export type Target = { input: string; kind: 'url' | 'file'; path?: string; error?: string };

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
      for (const p of pages) out.push({ input: p, kind: 'file', path: p });
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
