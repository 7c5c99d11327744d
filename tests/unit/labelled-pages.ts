/** The labelled pages (tests/fixtures, a sample of validation/) as HTML without scripts and styles, two entities folded. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function labelledPagesWithoutCode({ all = false } = {}): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) files.push(path);
    }
  };
  walk('tests/fixtures');
  const fixtures = files.length;
  walk('validation');
  // The held-out sets grow by 42 pages a set: every fixture and an even sample of at most 400
  // validation pages keep these tests' time bounded; LABELLED_ALL=1 reads every page.
  const validation = files.splice(fixtures);
  const step = all || process.env.LABELLED_ALL ? 1 : Math.max(1, Math.ceil(validation.length / 400));
  files.push(...validation.filter((_, i) => i % step === 0));
  return files.map((f) =>
    readFileSync(f, 'utf8')
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&'),
  );
}
