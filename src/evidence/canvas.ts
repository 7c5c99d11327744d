/**
 * Drawing on captures in the background worker (OffscreenCanvas): outline and number the flagged
 * controls, stitch viewport slices into the whole page, cut a crop per control. Captures are in
 * device pixels; boxes are in CSS pixels, so everything is scaled by the capture's own width over the
 * viewport's (the device pixel ratio, as the browser really applied it).
 */
import { bytesToBase64, dataUrlBytes } from './bytes';
import type { ControlBox } from './types';

type Canvas = OffscreenCanvas;
const OUTLINE = '#d93025';
const CROP_MARGIN = 24;
/** Chromium refuses canvases much taller than this. */
export const MAX_CANVAS_PX = 16_384;

export async function decodePng(dataUrl: string): Promise<ImageBitmap> {
  return createImageBitmap(new Blob([dataUrlBytes(dataUrl) as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
}

export async function encodePng(canvas: Canvas): Promise<string> {
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return `data:image/png;base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}

function context(canvas: Canvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas in this worker');
  return ctx;
}

/** A copy of `image` with each box outlined and numbered; `origin` is the image's top-left in document CSS pixels. */
export function annotate(image: ImageBitmap | Canvas, boxes: ControlBox[], origin: { x: number; y: number }, scale: number): Canvas {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = context(canvas);
  ctx.drawImage(image, 0, 0);
  const line = Math.max(2, Math.round(3 * scale));
  const font = Math.round(14 * scale);
  for (const b of boxes) {
    const x = (b.x - origin.x) * scale;
    const y = (b.y - origin.y) * scale;
    const w = b.width * scale;
    const h = b.height * scale;
    if (x + w < 0 || y + h < 0 || x > canvas.width || y > canvas.height) continue;
    const pad = 3 * scale;
    ctx.lineWidth = line + 2 * scale;
    ctx.strokeStyle = '#ffffff';
    ctx.strokeRect(x - pad, y - pad, w + 2 * pad, h + 2 * pad);
    ctx.lineWidth = line;
    ctx.strokeStyle = OUTLINE;
    // Dashed: the control is inside this box (a closed menu), not the box itself.
    ctx.setLineDash(b.standIn ? [8 * scale, 5 * scale] : []);
    ctx.strokeRect(x - pad, y - pad, w + 2 * pad, h + 2 * pad);
    ctx.setLineDash([]);
    // The number sits on the outline's top-left corner, kept inside the image.
    const label = String(b.n);
    ctx.font = `bold ${font}px sans-serif`;
    const tw = ctx.measureText(label).width;
    const lw = Math.max(font * 1.4, tw + font * 0.8);
    const lh = font * 1.4;
    const lx = Math.min(Math.max(0, x - pad - lw / 2), canvas.width - lw);
    const ly = Math.min(Math.max(0, y - pad - lh / 2), canvas.height - lh);
    ctx.fillStyle = OUTLINE;
    ctx.fillRect(lx, ly, lw, lh);
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = Math.max(1, scale);
    ctx.strokeRect(lx, ly, lw, lh);
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, lx + lw / 2, ly + lh / 2);
  }
  return canvas;
}

/** Viewport slices (each with the scroll position it was taken at) drawn into one page-tall image. */
export function stitch(slices: { image: ImageBitmap; scrollY: number }[], pageHeightCss: number, scale: number): Canvas {
  const width = slices[0].image.width;
  const height = Math.min(MAX_CANVAS_PX, Math.round(pageHeightCss * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = context(canvas);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  for (const s of slices) ctx.drawImage(s.image, 0, Math.round(s.scrollY * scale));
  return canvas;
}

/** The part of `image` around one box (with a margin), or null when the box is not in it. */
export function crop(image: Canvas, box: ControlBox, origin: { x: number; y: number }, scale: number): Canvas | null {
  const x0 = Math.max(0, Math.floor((box.x - origin.x - CROP_MARGIN) * scale));
  const y0 = Math.max(0, Math.floor((box.y - origin.y - CROP_MARGIN) * scale));
  const x1 = Math.min(image.width, Math.ceil((box.x - origin.x + box.width + CROP_MARGIN) * scale));
  const y1 = Math.min(image.height, Math.ceil((box.y - origin.y + box.height + CROP_MARGIN) * scale));
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const canvas = new OffscreenCanvas(x1 - x0, y1 - y0);
  context(canvas).drawImage(image, x0, y0, x1 - x0, y1 - y0, 0, 0, x1 - x0, y1 - y0);
  return canvas;
}
