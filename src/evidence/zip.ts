/** The bundle as one .zip (fflate): same bytes for the same files and time. */
import { zipSync, type Zippable } from 'fflate';

export type BundleFile = { name: string; bytes: Uint8Array };

/**
 * Zips the files in the given order. Zip times are local "DOS" times: the UTC clock time of `at`
 * is written, so the archive does not depend on the time zone of the machine that made it.
 * PNGs are stored as they are (already compressed); text is deflated.
 */
export function zipFiles(files: BundleFile[], at: Date): Uint8Array {
  const valid = Number.isNaN(at.getTime()) ? new Date(Date.UTC(1980, 0, 1)) : at;
  const mtime = new Date(valid.getUTCFullYear(), valid.getUTCMonth(), valid.getUTCDate(), valid.getUTCHours(), valid.getUTCMinutes(), valid.getUTCSeconds());
  const data: Zippable = {};
  for (const f of files) data[f.name] = [f.bytes, { level: /\.(png|zip)$/i.test(f.name) ? 0 : 6, mtime }];
  return zipSync(data);
}
