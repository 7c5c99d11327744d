/** Settings: the language of the explanations, and the sites where scanning is off. */
import type { Settings } from '../../src/messages';
import { normalizeSite } from '../../src/storage/settings';
import { el } from './dom';
import { LANGUAGE_NAMES, type Strings } from './strings';

export function renderSettings(settings: Settings, t: Strings, save: (s: Settings) => Promise<void>, open: boolean, onToggle: (open: boolean) => void): HTMLElement {
  const language = el(
    'select',
    { attrs: { id: 'language' }, on: { change: () => void save({ ...settings, language: language.value as Settings['language'] }) } },
    el('option', { text: t.languageAuto, attrs: { value: 'auto' } }),
    ...Object.entries(LANGUAGE_NAMES).map(([value, name]) => el('option', { text: name, attrs: { value } })),
  );
  language.value = settings.language;

  const sites = el('ul', { class: 'disabled-sites', attrs: { id: 'disabled-sites' } });
  if (!settings.disabledSites.length) sites.append(el('li', { class: 'none', text: t.noDisabledSites }));
  for (const site of settings.disabledSites) {
    sites.append(
      el(
        'li',
        { attrs: { 'data-site': site } },
        el('span', { text: site }),
        ' ',
        el('button', {
          text: t.turnOn,
          attrs: { type: 'button' },
          on: { click: () => void save({ ...settings, disabledSites: settings.disabledSites.filter((s) => s !== site) }) },
        }),
      ),
    );
  }

  const input = el('input', { attrs: { id: 'site-input', type: 'text', placeholder: t.addSitePlaceholder, 'aria-label': t.disabledSites } });
  const problem = el('p', { class: 'problem', attrs: { role: 'status' } });
  const form = el(
    'form',
    {
      attrs: { id: 'add-site' },
      on: {
        submit: (e) => {
          e.preventDefault();
          const site = normalizeSite(input.value);
          if (!site) {
            problem.textContent = t.badSite;
            return;
          }
          void save({ ...settings, disabledSites: [...settings.disabledSites, site] });
        },
      },
    },
    input,
    ' ',
    el('button', { text: t.addSite, attrs: { type: 'submit' } }),
  );

  const details = el(
    'details',
    { class: 'settings', attrs: { id: 'settings' }, on: { toggle: () => onToggle(details.open) } },
    el('summary', { text: t.settings }),
    el('label', { attrs: { for: 'language' } }, t.language, ' '),
    language,
    el('h3', { text: t.disabledSites }),
    sites,
    form,
    problem,
  );
  details.open = open;
  return details;
}
