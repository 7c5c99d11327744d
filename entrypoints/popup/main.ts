import { browser } from 'wxt/browser';

async function main() {
  const app = document.getElementById('app')!;
  const param = new URLSearchParams(location.search).get('tab');
  const tabId = param ? Number(param) : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) {
    app.textContent = 'No tab.';
    return;
  }
  const reply = (await browser.runtime.sendMessage({ type: 'get-tab-report', tabId })) as { ok: boolean; data?: { report: { findings: { message: string }[] } } | null };
  const findings = reply.data?.report.findings ?? [];
  app.replaceChildren(...findings.map((f) => Object.assign(document.createElement('p'), { textContent: f.message })));
  if (!findings.length) app.textContent = 'No problems found.';
}
void main();
