/**
 * The history page: every saved report (newest first) with filters and search, one report in full,
 * delete one or all, export as JSON, the storage warning, and the settings. All data comes from the
 * background through messages; page text is only ever set as text.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../../src/messages';
import type { RuleId } from '../../src/report/schema';
import type { ReportSummary } from '../../src/storage/records';
import { resolveLanguage, type UiLanguage } from '../../src/storage/settings';
import { api } from './api';
import { renderDetail } from './detail-view';
import { el } from './dom';
import { renderList } from './list-view';
import { ALL_RULES, ruleTitle } from './rule-names';
import { renderSettings } from './settings-view';
import { STRINGS, type Strings } from './strings';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const state = {
  settings: { disabledSites: [], language: 'auto' } as Settings,
  lang: 'en' as UiLanguage,
  t: STRINGS.en as Strings,
  settingsOpen: false,
};

function setLanguage(settings: Settings): void {
  state.settings = settings;
  state.lang = resolveLanguage(settings.language, browser.i18n.getUILanguage());
  state.t = STRINGS[state.lang];
  const t = state.t;
  document.documentElement.lang = state.lang;
  document.title = t.pageTitle;
  $('app-name').textContent = t.appName;
  $('app-description').textContent = t.appDescription;
  $('heading').textContent = t.heading;
  $('intro').textContent = t.intro;
  $('export').textContent = t.exportAll;
  $('delete-all').textContent = t.deleteAll;
  $('status-dismiss').textContent = t.dismiss;
  $('filter-site-label').textContent = t.filterSite;
  $('filter-rule-label').textContent = t.filterRule;
  $('search-label').textContent = t.search;
  $<HTMLInputElement>('search').placeholder = t.searchPlaceholder;
  const ruleSelect = $<HTMLSelectElement>('filter-rule');
  const chosen = ruleSelect.value;
  ruleSelect.replaceChildren(
    el('option', { text: t.allRules, attrs: { value: '' } }),
    ...ALL_RULES.map((r) => el('option', { text: ruleTitle(r, state.lang), attrs: { value: r } })),
  );
  ruleSelect.value = chosen;
}

function showError(e: unknown): void {
  const box = $('error');
  box.textContent = state.t.error(e instanceof Error ? e.message : String(e));
  box.hidden = false;
}

async function refreshStatus(): Promise<void> {
  const status = await api.status();
  const box = $('status');
  box.hidden = status.ok;
  $('status-text').textContent = status.ok ? '' : status.message;
}

function reportIdInHash(): string | null {
  const m = /^#report=(.+)$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

async function confirmDelete(id: string, site: string): Promise<void> {
  if (!window.confirm(state.t.confirmDelete(site))) return;
  await api.delete(id);
  if (reportIdInHash()) location.hash = '';
  else await render();
}

async function renderListView(): Promise<void> {
  const site = $<HTMLSelectElement>('filter-site').value;
  const rule = $<HTMLSelectElement>('filter-rule').value as RuleId | '';
  const text = $<HTMLInputElement>('search').value.trim();
  const { reports, sites } = await api.list({ site: site || undefined, rule: rule || undefined, text: text || undefined });
  const siteSelect = $<HTMLSelectElement>('filter-site');
  siteSelect.replaceChildren(el('option', { text: state.t.allSites, attrs: { value: '' } }), ...sites.map((s) => el('option', { text: s, attrs: { value: s } })));
  siteSelect.value = sites.includes(site) ? site : '';
  $('filters').hidden = false;
  const view = renderList(reports, Boolean(site || rule || text), state.t, state.lang, {
    open: (id) => (location.hash = `report=${encodeURIComponent(id)}`),
    remove: (r: ReportSummary) => void confirmDelete(r.id, r.site).catch(showError),
  });
  $('app').replaceChildren(view);
}

async function renderDetailView(id: string): Promise<void> {
  const got = await api.get(id);
  $('filters').hidden = true;
  $('app').replaceChildren(
    renderDetail(got, state.t, state.lang, {
      back: () => (location.hash = ''),
      remove: (rid, site) => void confirmDelete(rid, site).catch(showError),
      exportEvidence: async (rid) => (await api.exportEvidence(rid)).fileName,
    }),
  );
  window.scrollTo(0, 0);
}

function renderSettingsView(): void {
  $('settings-slot').replaceChildren(
    renderSettings(
      state.settings,
      state.t,
      async (next) => {
        try {
          setLanguage(await api.setSettings(next));
          await render();
        } catch (e) {
          showError(e);
        }
      },
      state.settingsOpen,
      (open) => (state.settingsOpen = open),
    ),
  );
}

async function render(): Promise<void> {
  const id = reportIdInHash();
  await (id ? renderDetailView(id) : renderListView());
  renderSettingsView();
}

async function exportHistory(): Promise<void> {
  const data = await api.exportAll();
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const href = URL.createObjectURL(blob);
  const a = el('a', { attrs: { href, download: `fair-exit-history-${data.exportedAt.slice(0, 10)}.json` } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** Re-runs `fn` once things have been quiet for `ms`. */
function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

async function main(): Promise<void> {
  setLanguage(await api.settings());
  const rerender = () => void render().catch(showError);
  $('filter-site').addEventListener('change', rerender);
  $('filter-rule').addEventListener('change', rerender);
  $('search').addEventListener('input', debounce(rerender, 200));
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('export').addEventListener('click', () => void exportHistory().catch(showError));
  $('delete-all').addEventListener('click', () => {
    if (!window.confirm(state.t.confirmDeleteAll)) return;
    void api
      .deleteAll()
      .then(async () => {
        if (reportIdInHash()) location.hash = '';
        else await render();
      })
      .catch(showError);
  });
  $('status-dismiss').addEventListener('click', () => void api.clearStatus().then(refreshStatus).catch(showError));
  window.addEventListener('hashchange', rerender);

  // Live: a save finishing (its journal entry removed), the storage warning, settings from elsewhere.
  const refreshList = debounce(() => {
    if (!reportIdInHash()) rerender();
  }, 300);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    const keys = Object.keys(changes);
    if (keys.includes('storageStatus')) void refreshStatus().catch(showError);
    if (keys.includes('settings')) {
      void api
        .settings()
        .then((s) => {
          setLanguage(s);
          rerender();
        })
        .catch(showError);
    }
    if (keys.some((k) => k.startsWith('pending:'))) refreshList();
  });

  await refreshStatus();
  await render();
  document.body.dataset.ready = 'true';
}

void main().catch(showError);
