/** A loopback HTTP server for local pages (content scripts do not run on file:// pages). */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize, relative, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** Serves each registered folder under its own prefix, so relative links between pages work. */
export class LocalServer {
  private readonly roots: string[] = [];
  private server: Server | null = null;
  private port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const m = /^\/r(\d+)\/(.*)$/.exec(decodeURIComponent(url.pathname));
      const root = m ? this.roots[Number(m[1])] : undefined;
      const file = root !== undefined ? normalize(join(root, m![2])) : null;
      if (!file || relative(root!, file).startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The URL of a local file; `root` (by default the file's folder) becomes a served root. */
  urlFor(file: string, root = dirname(file)): string {
    let index = this.roots.indexOf(root);
    if (index < 0) index = this.roots.push(root) - 1;
    const rel = relative(root, file).split(sep).map(encodeURIComponent).join('/');
    return `http://127.0.0.1:${this.port}/r${index}/${rel}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}
