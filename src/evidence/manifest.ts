/** manifest.json: every other file of the bundle with its SHA-256 and size, so any change shows. */
import { sha256Hex, utf8 } from './bytes';
import type { BundleFile } from './zip';

export const MANIFEST_NAME = 'manifest.json';

export type ManifestEntry = { name: string; bytes: number; sha256: string };
export type Manifest = {
  format: 'fair-exit-evidence';
  formatVersion: 1;
  tool: { name: string; version: string };
  url: string;
  scannedAt: string;
  capturedAt: string | null;
  files: ManifestEntry[];
  /** Files a bundle can have that this one lacks, with the reason (no pageCapture in Firefox, ...). */
  absent: { name: string; reason: string }[];
};

export async function manifestFor(files: BundleFile[], meta: Omit<Manifest, 'format' | 'formatVersion' | 'files'>): Promise<BundleFile> {
  const entries = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: f.bytes.length, sha256: await sha256Hex(f.bytes) })));
  const manifest: Manifest = { format: 'fair-exit-evidence', formatVersion: 1, ...meta, files: entries };
  return { name: MANIFEST_NAME, bytes: utf8(`${JSON.stringify(manifest, null, 2)}\n`) };
}
