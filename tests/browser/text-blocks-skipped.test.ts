/**
 * A block read through its children (a card around a button) whose textContent holds a script's
 * or a style's text: its text is read without them (containerText), and a phrase that the script
 * cuts in two is still found. Which blocks hold one is worked out once per root and scan
 * (src/engine/text-blocks.ts holdsSkipped); this checks it against the blocks the scan finds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEnginePages, type EnginePages } from './engine-bundle';

// Each card's first text is its button's, so the card is read node by node. The script or style
// stands inside "自动续费" (renews automatically): the card's textContent, "Edit 自1动续费", holds no
// phrase of any list, and only the text without the script does.
const CARD = (id: string, inside: string) => `<div id="${id}" class="card"><button>Edit</button> 自${inside}动续费</div>`;
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>我的会员</title></head>
<body style="font: 14px Arial">
<h1>Your subscription</h1>
<p>Your plan renews automatically every month. <button>Cancel subscription</button></p>
${CARD('cut', '<script>1</script>')}
${CARD('styled', '<style>.a{}</style>')}
${CARD('plain', '')}
<div id="quiet" class="card"><button>Settings</button> 谢谢<script>window.__y = '自动续费'</script></div>
<div id="host"></div>
<script>document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<div id="inner"><button>Edit</button> 自<script>0<\\/script>动续费</div>';</script>
</body></html>`;

let e: EnginePages;
beforeAll(async () => {
  e = await startEnginePages({ 'cards.html': PAGE });
});
afterAll(async () => e?.close());

describe('blocks that hold a script or a style', () => {
  it('are read without it, in the document and in a shadow root', async () => {
    const page = await e.openWithEngine('cards.html');
    const blocks = await page.evaluate(() => {
      const { snapshot } = (globalThis as any).__fairExitEngine.scanPage(document);
      return snapshot.blocks.map((b: { element: Element; text: string }) => ({ id: b.element.id, text: b.text }));
    });
    const byId = new Map<string, string>(blocks.map((b: { id: string; text: string }) => [b.id, b.text]));
    for (const id of ['cut', 'styled', 'plain', 'inner']) expect(byId.get(id), id).toBe('Edit 自动续费');
    // A script's words are not the block's.
    expect(byId.has('quiet')).toBe(false);
    await page.close();
  });
});
