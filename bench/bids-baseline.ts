/**
 * The floor under bench/bids.ts: a bare node:http server that takes each PUT body and writes it to its own file
 * — open, write, fsync, close — then answers 200 with the bytes it wrote. No framework, no database, no hashing.
 * Run as a child process (`node --import tsx bench/bids-baseline.ts <dir>`); it prints `listening <port>`.
 */
import { createServer } from 'node:http';
import { open } from 'node:fs/promises';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: bids-baseline.ts <dir>');
let next = 0;

const server = createServer((req, res) => {
  const fail = (e: unknown): void => {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(e instanceof Error ? e.message : String(e));
  };
  if (req.method !== 'PUT') {
    res.writeHead(405).end();
    return;
  }
  void (async () => {
    const fh = await open(path.join(dir, `bid-${next++}`), 'wx');
    let bytes = 0;
    try {
      for await (const chunk of req) {
        const b = chunk as Buffer;
        await fh.write(b, 0, b.length);
        bytes += b.length;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ bytes }));
  })().catch(fail);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
