/**
 * The progress line on stderr: done/total, elapsed time, failures and the targets being audited.
 * It is drawn only when stderr is a terminal; log lines are printed above it.
 */
export type ProgressStream = { isTTY?: boolean; columns?: number; write: (s: string) => unknown };

export class Progress {
  private done = 0;
  private failed = 0;
  private readonly current = new Set<string>();
  private readonly started = Date.now();
  private shown = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly total: number,
    private readonly stream: ProgressStream = process.stderr,
    private readonly enabled = Boolean(stream.isTTY),
  ) {
    // Redraw once a second so the elapsed time moves while a slow page loads.
    if (this.enabled) this.timer = setInterval(() => this.draw(), 1000).unref();
  }

  start(target: string): void {
    this.current.add(target);
    this.draw();
  }

  finish(target: string, ok: boolean): void {
    this.current.delete(target);
    this.done++;
    if (!ok) this.failed++;
    this.draw();
  }

  /** A log line (always printed), above the progress line. */
  log(line: string): void {
    this.clear();
    this.stream.write(`${line}\n`);
    this.draw();
  }

  /** The text of the line (without terminal control codes). */
  line(width = 200): string {
    const s = Math.floor((Date.now() - this.started) / 1000);
    const elapsed = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
    const names = [...this.current].map((t) => t.replace(/^.*[\\/](?=[^\\/]+\.html?$)/i, ''));
    const head = `[${this.done}/${this.total}] ${elapsed}${this.failed ? ` · ${this.failed} failed` : ''}`;
    const text = names.length ? `${head} · ${names.join(', ')}` : head;
    return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
  }

  private draw(): void {
    if (!this.enabled || this.stopped) return;
    // A pseudo-terminal may report 0 columns: take the usual 80 then.
    const width = Math.max(20, (this.stream.columns || 80) - 1);
    this.stream.write(`\r\x1b[2K${this.line(width)}`);
    this.shown = true;
  }

  private clear(): void {
    if (this.enabled && this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }

  /** Removes the line for good. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.clear();
    this.stopped = true;
  }
}
