#!/usr/bin/env node
/**
 * A logging, faulting proxy in front of a Docker engine's unix socket, for the fault tests. It
 * sees every HTTP request whoever sends it (the docker CLI, the tool itself) and, by rules read
 * afresh from a JSON file on every request, delays it, holds it for ever (a hung daemon) or
 * answers it with garbage instead of the engine. Every request is logged as JSON lines:
 * `{"t":…,"ev":"req"|"fwd"|"resp"|"held"|"garbage","conn":…,"method":…,"path":…}`, where
 * `fwd` is when it reached the engine and `resp` when the engine's answer began.
 *
 * usage: node fault-proxy.mjs <listen.sock> <engine.sock> <rules.json> <log.jsonl>
 * rules: [{ "method": "DELETE", "path": "^/v[0-9.]+/images/", "delayMs": 2000 },
 *         { "path": "/services$|/services\\?", "hang": true },
 *         { "path": "/info", "garbage": "{not json" }]
 * The first rule whose method (if given) and path regex match applies.
 */
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

const [listenPath, enginePath, rulesPath, logPath] = process.argv.slice(2);
if (!logPath) { console.error('usage: fault-proxy.mjs <listen.sock> <engine.sock> <rules.json> <log.jsonl>'); process.exit(2); }

const log = (ev, conn, method, path) => appendFileSync(logPath, `${JSON.stringify({ t: Date.now(), ev, conn, method, path })}\n`);
const rules = () => { try { return JSON.parse(readFileSync(rulesPath, 'utf8')); } catch { return []; } };
const ruleFor = (method, path) => (override ?? rules()).find((r) => (!r.method || r.method === method) && new RegExp(r.path).test(path));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let connections = 0;
let override; // rules set by a matched rule's `then`
const server = createServer((client) => {
  const conn = ++connections;
  const upstream = createConnection(enginePath);
  let buf = Buffer.alloc(0);
  let raw = false; // after an upgrade or a chunked body: bytes pass through unparsed
  let chain = Promise.resolve();
  let pending; // the request whose answer is awaited (the CLI does not pipeline)
  const close = () => { client.destroy(); upstream.destroy(); };
  client.on('error', close); upstream.on('error', close);
  client.on('close', () => upstream.destroy()); upstream.on('close', () => client.destroy());
  upstream.on('data', (d) => {
    if (pending && !pending.answered) { pending.answered = true; log('resp', conn, pending.method, pending.path); }
    client.write(d);
  });

  const handle = async (bytes, method, path) => {
    log('req', conn, method, path);
    const rule = ruleFor(method, path);
    if (rule?.then) override = rule.then;
    if (rule?.hang) { log('held', conn, method, path); await new Promise(() => {}); }
    if (rule?.drop) { log('drop', conn, method, path); close(); return; }
    if (rule?.delayMs) await sleep(rule.delayMs);
    if (rule?.garbage !== undefined) {
      log('garbage', conn, method, path);
      const body = Buffer.from(rule.garbage);
      client.write(`HTTP/1.1 ${rule.status ?? 200} OK\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\nContent-Length: ${body.length}\r\n\r\n`);
      client.write(body);
      return;
    }
    pending = { method, path, answered: false };
    log('fwd', conn, method, path);
    upstream.write(bytes);
  };

  const parse = () => {
    for (;;) {
      if (raw) { if (buf.length) { const b = buf; buf = Buffer.alloc(0); chain = chain.then(() => { upstream.write(b); }); } return; }
      const end = buf.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = buf.subarray(0, end).toString('latin1');
      const [requestLine, ...headerLines] = head.split('\r\n');
      const [method, path] = requestLine.split(' ');
      const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const chunked = /chunked/i.test(headers['transfer-encoding'] ?? '');
      const upgrade = /upgrade/i.test(headers.connection ?? '') || headers.upgrade !== undefined;
      const length = chunked ? 0 : Number(headers['content-length'] ?? 0);
      if (buf.length < end + 4 + length) return;
      const bytes = buf.subarray(0, end + 4 + length);
      buf = buf.subarray(end + 4 + length);
      if (chunked || upgrade) raw = true;
      chain = chain.then(() => handle(bytes, method, path));
    }
  };
  client.on('data', (d) => { buf = Buffer.concat([buf, d]); parse(); });
});

rmSync(listenPath, { force: true });
server.listen(listenPath, () => { process.stdout.write('ready\n'); });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { server.close(); rmSync(listenPath, { force: true }); process.exit(0); });
