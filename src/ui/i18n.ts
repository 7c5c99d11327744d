/**
 * The popup's words. They live in public/_locales/<locale>/messages.json (the extension's i18n
 * files); normally the browser picks the file from its UI language (browser.i18n.getMessage). When
 * the user chose a language in the settings, the same file is loaded and read with the same rules.
 */
import type enMessages from '../../public/_locales/en/messages.json';
import type { RuleId } from '../report/schema';

export type MessageKey = keyof typeof enMessages;
export type UiLang = 'en' | 'zh-CN' | 'zh-TW';
/** Looks up a message; substitutions fill $1, $2… as in chrome.i18n. Missing keys give ''. */
export type Lookup = (key: string, subs?: (string | number)[]) => string;

export type Translator = {
  lang: UiLang;
  t: (key: MessageKey, subs?: (string | number)[]) => string;
  /** Optional keys (rule names in Traditional Chinese); '' when the locale does not have them. */
  optional: Lookup;
};

export function translator(lookup: Lookup): Translator {
  const tag = lookup('lang');
  const lang: UiLang = tag === 'zh-CN' || tag === 'zh-TW' ? tag : 'en';
  return {
    lang,
    t: (key, subs) => lookup(key, subs) || key,
    optional: lookup,
  };
}

type MessageFile = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** chrome.i18n semantics over a parsed messages.json: named placeholders, $1…$9, "$$" for "$". */
export function lookupFromFile(file: MessageFile): Lookup {
  const byKey = new Map(Object.entries(file).map(([k, v]) => [k.toLowerCase(), v]));
  return (key, subs = []) => {
    const entry = byKey.get(key.toLowerCase());
    if (!entry) return '';
    const fill = (s: string) => s.replace(/\$(\d)/g, (_, d: string) => String(subs[Number(d) - 1] ?? ''));
    const named = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), fill(v.content)]));
    return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (m, name: string | undefined) => (m === '$$' ? '$' : (named.get(name!.toLowerCase()) ?? '')));
  };
}

/** The locale folder for a chosen language. */
export function localeDir(lang: UiLang): string {
  return lang.replace('-', '_');
}

/** The plain-language rule names and descriptions come from the rule files (en and zh). */
type Titles = { en: string; zh: string };
const titles = import.meta.glob<Titles>('../../rules/*.json', { eager: true, import: 'title' });
const descriptions = import.meta.glob<Titles>('../../rules/*.json', { eager: true, import: 'description' });
const hiddenTerms = import.meta.glob<{ en: Record<string, string>; zh: Record<string, string> }>('../../rules/hidden-exit.json', {
  eager: true,
  import: 'terms',
});

function fromRuleFile(table: Record<string, Titles>, rule: string, lang: UiLang): string {
  const entry = Object.entries(table).find(([path]) => path.endsWith(`/${rule}.json`))?.[1];
  return entry ? (lang === 'en' ? entry.en : entry.zh) : '';
}

const keyPart = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');

/** Traditional Chinese comes from the locale file (the rule files have Simplified only). */
function ruleText(tr: Translator, rule: RuleId | string, what: 'title' | 'desc'): string {
  const key = `rule_${keyPart(rule)}_${what}`;
  if (tr.lang === 'zh-TW') {
    const tw = tr.optional(key);
    if (tw) return tw;
  }
  return fromRuleFile(what === 'title' ? titles : descriptions, rule, tr.lang) || tr.optional(key) || rule;
}

export const ruleTitle = (tr: Translator, rule: RuleId | string) => ruleText(tr, rule, 'title');
export const ruleDescription = (tr: Translator, rule: RuleId | string) => ruleText(tr, rule, 'desc');

/** A hidden-exit reason ("collapsed", "low-contrast", …) in the UI language. */
export function hiddenReason(tr: Translator, reason: string): string {
  if (tr.lang === 'zh-TW') {
    const tw = tr.optional(`reason_${keyPart(reason)}`);
    if (tw) return tw;
  }
  const terms = Object.values(hiddenTerms)[0];
  return (tr.lang === 'en' ? terms?.en : terms?.zh)?.[reason] ?? reason;
}
