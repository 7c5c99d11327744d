/**
 * Runs a wording corpus through the word lists, without a browser: which interface sentences each
 * sentence rule's lists catch, which fair sentences they wrongly catch, which control labels get the
 * right role and which decline labels read as confirmshaming. A training aid for the word lists
 * (the measure of the rules is scripts/evaluate.ts on labelled pages).
 *
 *   npx tsx scripts/lexicon-check.ts CORPUS_DIR [--misses]
 *
 * CORPUS_DIR holds sentences.json ({lang, rule, text, kind, holds}[]), controls.json ({lang, label, role}[])
 * and declines.json ({lang, label, shaming}[]); any of them may be missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledLexicon } from '../src/rules/word-lists';
import { splitSentences } from '../src/rules/checks/sentence';
import type { PhraseKey } from '../src/rules/word-list-schema';

type Sentence = { lang: string; rule: string; text: string; kind: 'interface' | 'prose' | 'fair-interface'; holds: boolean };
type Control = { lang: string; label: string; role: string; context?: string };
type Decline = { lang: string; label: string; shaming: boolean };

const dir = process.argv[2];
const showMisses = process.argv.includes('--misses');
if (!dir) {
  console.error('usage: npx tsx scripts/lexicon-check.ts CORPUS_DIR [--misses]');
  process.exit(2);
}
const lex = bundledLexicon();

/** The lists each sentence rule reads (rules/*.json), and what silences it. */
const RULE_LISTS: Record<string, { lists: PhraseKey[]; unless?: PhraseKey[] }> = {
  'forced-contact': { lists: ['contactRequirement'], unless: ['selfService', 'helpOffer'] },
  'restricted-window': { lists: ['restrictedWindow'] },
  'delayed-effect': { lists: ['delayedEffect'] },
  'loss-framing': { lists: ['lossFraming'] },
  'upgrade-pressure': { lists: ['urgency'] },
  'preselected-renewal': { lists: ['renewal'] },
};

function ruleHolds(rule: string, text: string): boolean {
  const spec = RULE_LISTS[rule];
  if (!spec) return false;
  // The rule reads one sentence at a time; a passage holds if any of its sentences does.
  return splitSentences(text).some((s) => spec.lists.some((k) => lex.has(k, s)) && !spec.unless?.some((k) => lex.has(k, s)));
}

function read<T>(file: string): T[] {
  const path = join(dir, file);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T[]) : [];
}
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}% (${a}/${b})` : '-');

const sentences = read<Sentence>('sentences.json');
if (sentences.length) {
  console.log(
    'sentence rules: caught = interface sentences that hold; false = fair interface sentences caught; prose = quoted prose caught (the page-level prose test must stop these)',
  );
  const rules = [...new Set(sentences.map((s) => s.rule))].sort();
  const langs = [...new Set(sentences.map((s) => s.lang))].sort();
  for (const rule of rules) {
    for (const lang of langs) {
      const of = (kind: Sentence['kind']) => sentences.filter((s) => s.rule === rule && s.lang === lang && s.kind === kind);
      const pos = of('interface').filter((s) => s.holds);
      const neg = of('fair-interface');
      const prose = of('prose');
      const caught = pos.filter((s) => ruleHolds(rule, s.text));
      const falseHits = neg.filter((s) => ruleHolds(rule, s.text));
      console.log(
        `${rule.padEnd(20)} ${lang.padEnd(6)} caught ${pct(caught.length, pos.length).padEnd(16)} false ${pct(falseHits.length, neg.length).padEnd(14)} prose ${pct(prose.filter((s) => ruleHolds(rule, s.text)).length, prose.length)}`,
      );
      if (showMisses) {
        for (const s of pos.filter((s) => !caught.includes(s))) console.log(`    miss  ${s.text}`);
        for (const s of falseHits) console.log(`    FALSE ${s.text}`);
      }
    }
  }
}

const SIDE: Record<string, string> = { upgrade: 'stay', retain: 'stay', downgrade: 'exit', cancel: 'exit', other: 'other' };
const controls = read<Control>('controls.json');
if (controls.length) {
  console.log('\ncontrols: role right / side right, per language');
  for (const lang of [...new Set(controls.map((c) => c.lang))].sort()) {
    const mine = controls.filter((c) => c.lang === lang);
    const decided = mine.map((c) => ({ c, role: lex.classify(c.label).role }));
    const roleRight = decided.filter((d) => d.role === d.c.role).length;
    const sideRight = decided.filter((d) => SIDE[d.role] === SIDE[d.c.role]).length;
    console.log(`${lang.padEnd(6)} role ${pct(roleRight, mine.length).padEnd(16)} side ${pct(sideRight, mine.length)}`);
    if (showMisses) for (const d of decided.filter((d) => SIDE[d.role] !== SIDE[d.c.role])) console.log(`    ${d.c.role} -> ${d.role}  ${d.c.label}  (${d.c.context ?? ''})`);
  }
}

const declines = read<Decline>('declines.json');
if (declines.length) {
  console.log('\nconfirmshaming labels: shaming caught / neutral wrongly caught');
  for (const lang of [...new Set(declines.map((d) => d.lang))].sort()) {
    const mine = declines.filter((d) => d.lang === lang);
    const hit = (d: Decline) => lex.has('confirmshaming', d.label);
    const shaming = mine.filter((d) => d.shaming);
    const neutral = mine.filter((d) => !d.shaming);
    console.log(`${lang.padEnd(6)} caught ${pct(shaming.filter(hit).length, shaming.length).padEnd(16)} false ${pct(neutral.filter(hit).length, neutral.length)}`);
    if (showMisses) {
      for (const d of shaming.filter((d) => !hit(d))) console.log(`    miss  ${d.label}`);
      for (const d of neutral.filter(hit)) console.log(`    FALSE ${d.label}`);
    }
  }
}
