/** The sentence rules' options that look beyond the sentence (rules/*.json, check.kind "sentence"). */
import { describe, expect, it } from 'vitest';
import type { MeasuredControl, Snapshot, TextBlock } from '../../src/engine/types';
import { BUNDLED_RULES } from '../../src/rules/catalog';
import { evaluateRules } from '../../src/rules/evaluate';
import { bundledLexicon } from '../../src/rules/word-lists';

function accountPage(sentence: string, exitLabel: string): Snapshot {
  document.body.innerHTML = '<p>x</p>';
  const el = document.body.firstElementChild!;
  const control = { id: 'c1', element: el, role: 'cancel', text: exitLabel, tags: [], screen: 'page', visible: true } as unknown as MeasuredControl;
  const block = {
    id: 't1',
    element: el,
    text: sentence,
    selector: 'p',
    fontSize: 15,
    contrast: 12,
    contrastBounds: null,
    visible: true,
    collapsed: false,
    inDialog: false,
    screen: 'page',
    prose: false,
    nearControls: ['c1'],
  } as TextBlock;
  return {
    url: 'https://telecom.example/account',
    title: '我的門號',
    language: 'zh',
    viewport: { width: 1280, height: 800 },
    pageKind: 'account',
    subscriptionPage: true,
    pageSignals: {},
    controls: [control],
    blocks: [block],
  };
}
const lossFraming = BUNDLED_RULES.filter((r) => r.id === 'loss-framing');
const rules = (s: Snapshot) => evaluateRules(s, lossFraming, bundledLexicon()).map((f) => `${f.rule}:${f.verdict}`);

describe('loss-framing', () => {
  it('leaves alone a loss that the exit beside it names: giving up the number is what "terminate the number" says', () => {
    expect(rules(accountPage('結清本期費用後停止服務,門號將於 90 天後釋出。', '退租門號'))).toEqual([]);
  });
  it('still reads the same warning beside an exit that names something else', () => {
    expect(rules(accountPage('結清本期費用後停止服務,門號將於 90 天後釋出。', '取消方案'))).toEqual(['loss-framing:violation']);
  });
});

describe('delayed-effect in an exit card', () => {
  /** A card: heading, a line whose emphasis says when, and the exit button beside the line. */
  function card(lineHtml: string, emphasisTag: string): Snapshot {
    document.body.innerHTML = `<div class="op"><h3>降轉方案</h3><div class="eff">${lineHtml}</div><button>降轉 4G 399 方案</button></div>`;
    const button = document.querySelector('button')!;
    const el = document.querySelector(`.eff ${emphasisTag}`) ?? document.querySelector('.eff')!;
    const page = accountPage(el.textContent ?? '', '降轉 4G 399 方案');
    page.controls = [{ ...page.controls[0], element: button, role: 'downgrade' }];
    page.blocks = [{ ...page.blocks[0], element: el, text: el.textContent ?? '' }];
    return page;
  }
  const delayed = BUNDLED_RULES.filter((r) => r.id === 'delayed-effect');
  const run = (s: Snapshot) => evaluateRules(s, delayed, bundledLexicon()).map((f) => f.rule);
  it('reads an emphasised "from the next cycle" in the card of a way down as that way down taking effect later', () => {
    expect(run(card('生效時間：申請完成後<b>自下一個計費週期起生效</b>', 'b'))).toEqual(['delayed-effect']);
  });
  it('does not take a span of its own (not an emphasis) for part of the line beside the button', () => {
    expect(run(card('生效時間：申請完成後<span>自下一個計費週期起生效</span>', 'span'))).toEqual([]);
  });
});
