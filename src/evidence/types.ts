/**
 * What the evidence bundle is made from. The content script measures the page (PageFacts); the
 * background captures the screen and keeps a StoredCapture with the saved report, so a bundle
 * exported later shows the page as it was.
 */
import * as z from 'zod/mini';

/** A flagged control's box in document coordinates (CSS pixels), numbered as in the report. */
export const ControlBox = z.object({
  n: z.number(),
  controlId: z.string(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  /** The control itself has no box (in a closed menu): this is its nearest rendered ancestor. */
  standIn: z.optional(z.boolean()),
});
export type ControlBox = z.infer<typeof ControlBox>;

export const Viewport = z.object({
  width: z.number(),
  height: z.number(),
  scrollX: z.number(),
  scrollY: z.number(),
  devicePixelRatio: z.number(),
});
export type Viewport = z.infer<typeof Viewport>;

/** The content script's answer to `evidence-facts`. */
export const PageFacts = z.object({
  url: z.string(),
  viewport: Viewport,
  pageWidth: z.number(),
  pageHeight: z.number(),
  boxes: z.array(ControlBox),
  /** The page's visible text (innerText), capped. */
  text: z.string(),
  /** How many elements the page has: saving a very large page as MHTML stalls it (capture.ts). */
  elements: z.number(),
});
export type PageFacts = z.infer<typeof PageFacts>;

/** The content script's answer to `evidence-scroll`: where the page really is now. */
export const ScrollPosition = z.object({ scrollX: z.number(), scrollY: z.number() });
export type ScrollPosition = z.infer<typeof ScrollPosition>;

export const Crop = z.object({ n: z.number(), controlId: z.string(), dataUrl: z.string() });
export type Crop = z.infer<typeof Crop>;

/** Everything captured from a tab at one moment; kept with the saved report (src/storage). */
export const StoredCapture = z.object({
  formatVersion: z.literal(1),
  /** The report this capture shows (its scannedAt). */
  scannedAt: z.string(),
  capturedAt: z.string(),
  /** Minutes east of UTC where the capture was made, and the IANA zone name. */
  utcOffsetMinutes: z.number(),
  timeZone: z.string(),
  browser: z.string(),
  extensionVersion: z.string(),
  viewport: Viewport,
  pageHeight: z.number(),
  boxes: z.array(ControlBox),
  /** PNG data URLs: the visible screen with the flagged controls outlined and numbered. */
  screenshot: z.string(),
  /** The whole page, stitched from viewport slices; null when the page fits the screen or was not scrolled. */
  full: z.nullable(z.string()),
  /** Why there is no full-page shot (fits the screen, not requested, capped). */
  fullNote: z.optional(z.string()),
  crops: z.array(Crop),
  text: z.string(),
  /** The page as MHTML (text), or null with the reason. */
  mhtml: z.nullable(z.string()),
  mhtmlNote: z.optional(z.string()),
});
export type StoredCapture = z.infer<typeof StoredCapture>;
