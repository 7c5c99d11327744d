import { bundledLexicon } from '../src/rules/word-lists';
import { readFileSync } from 'node:fs';
const lex = bundledLexicon();
const html = readFileSync(process.argv[2], 'utf8').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
for (const k of process.argv.slice(3)) console.log(k, lex.findAll(k as any, html).map((m) => m.text));
