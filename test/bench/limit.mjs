/**
 * The limit of a job step for `npm run bench`: the least a process can do to make the same
 * Engine API requests a mode makes. After `/_ping` (as the tool sends it), every path in one
 * wave over the unix socket, each answer read and parsed as JSON, then `statfs` of the data
 * root, then exit. No checks, no report, no schema: what no tool asking the same could beat.
 *
 * usage: node limit.mjs <socket> <path> [<path> ...]
 */
import { request } from 'node:http';
import { statfs } from 'node:fs/promises';

const [socketPath, ...paths] = process.argv.slice(2);
const get = (path) => new Promise((resolve, reject) => {
  const req = request({ socketPath, path, method: 'GET', headers: { Host: 'docker' } }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => { try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')); } catch (e) { reject(e); } });
  });
  req.on('error', reject);
  req.end();
});

await get('/_ping').catch(() => undefined); // its answer is "OK", no JSON: only its arrival counts
const answers = await Promise.all(paths.map((p) => get(p).catch(() => undefined)));
await statfs(answers[paths.indexOf('/info')].DockerRootDir);
process.exit(0);
