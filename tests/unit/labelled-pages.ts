/** Every labelled page (tests/fixtures, validation/) as HTML without scripts and styles, two entities folded. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function labelledPagesWithoutCode(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) files.push(path);
    }
  };
  for (const dir of ['tests/fixtures', 'validation']) walk(dir);
  return files.map((f) =>
    readFileSync(f, 'utf8')
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&'),
  );
}
