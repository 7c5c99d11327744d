import type { Page, Request } from 'playwright-core';

/** The kinds of request by which an app fetches its data (not its images, fonts or long-lived streams). */
const DATA = new Set(['fetch', 'xhr']);

/**
 * A page's data requests in flight, and when the last one ended. An app that waits for its data changes
 * nothing the watch of its DOM sees: a second without changes is not yet a settled page while a request
 * for what it will draw is under way.
 */
export class DataRequests {
  private readonly inFlight = new Set<Request>();
  /** When the last data request ended (0: none has). */
  lastEnded = 0;

  constructor(private readonly page: Page) {
    page.on('request', this.started);
    page.on('requestfinished', this.ended);
    page.on('requestfailed', this.ended);
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  stop(): void {
    this.page.off('request', this.started);
    this.page.off('requestfinished', this.ended);
    this.page.off('requestfailed', this.ended);
  }

  private readonly started = (r: Request): void => {
    if (DATA.has(r.resourceType())) this.inFlight.add(r);
  };

  private readonly ended = (r: Request): void => {
    if (this.inFlight.delete(r)) this.lastEnded = Date.now();
  };
}
