/**
 * The fault proxy (fault-proxy.mjs) as a test fixture: a socket in front of one hermetic
 * engine that logs every request and delays, holds or garbles the ones its rules name.
 * Stopped by pid, also on process exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from './engine.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'fault-proxy.mjs');

export interface Rule {
  method?: string;
  /** Regex on the request path (with the /v1.xx prefix and the query). */
  path: string;
  delayMs?: number;
  hang?: boolean;
  garbage?: string;
  status?: number;
  /** Close the connection instead of answering (the daemon died). */
  drop?: boolean;
  /** Rules that replace all rules once this one has matched. */
  then?: Rule[];
}

export interface ProxyEvent { t: number; ev: 'req' | 'fwd' | 'resp' | 'held' | 'garbage' | 'drop'; conn: number; method: string; path: string }

export interface FaultProxy {
  /** DOCKER_HOST of the proxy. */
  host: string;
  /** Environment of the engine with DOCKER_HOST pointing at the proxy. */
  env: NodeJS.ProcessEnv;
  setRules(rules: Rule[]): void;
  /** Lets group `gid` use the socket (0660), as the docker group may use a daemon's. */
  shareWith(gid: number): void;
  events(): ProxyEvent[];
  stop(): void;
}

const live = new Set<ChildProcess>();
process.on('exit', () => { for (const p of live) p.kill('SIGKILL'); });

export async function startProxy(e: Engine, rules: Rule[] = []): Promise<FaultProxy> {
  // a directory anyone may enter: tests also run the tool as an unprivileged user
  const dir = mkdtempSync(join(tmpdir(), 'cdp-proxy-'));
  chmodSync(dir, 0o755);
  const sock = join(dir, 'docker.sock');
  const rulesFile = join(dir, 'rules.json');
  const logFile = join(dir, 'log.jsonl');
  writeFileSync(rulesFile, JSON.stringify(rules));
  writeFileSync(logFile, '');
  const child = spawn(process.execPath, [SCRIPT, sock, e.dockerHost.replace(/^unix:\/\//, ''), rulesFile, logFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  live.add(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fault proxy did not start')), 10_000);
    child.stdout!.once('data', () => { clearTimeout(timer); resolve(); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the fault proxy exited (${code})`)); });
  });
  if (!existsSync(sock)) throw new Error('the fault proxy has no socket');
  // root's alone, as a daemon's socket is to users outside its group; shareWith() for the tests that run a user
  chmodSync(sock, 0o600);
  const host = `unix://${sock}`;
  return {
    host,
    env: { ...e.env, DOCKER_HOST: host },
    setRules: (r) => writeFileSync(rulesFile, JSON.stringify(r)),
    shareWith: (gid) => { chownSync(sock, 0, gid); chmodSync(sock, 0o660); },
    events: () => readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ProxyEvent),
    stop: () => {
      child.kill('SIGKILL');
      live.delete(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until the proxy log holds an event matching `pred`; returns it. */
export async function waitForEvent(p: FaultProxy, what: string, pred: (e: ProxyEvent, index: number) => boolean, timeoutMs = 60_000): Promise<ProxyEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = p.events().find((e, i) => pred(e, i));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`timed out waiting for the proxy to see ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Requests that remove something: the three prunes and image removals. */
export const isDestructive = (e: Pick<ProxyEvent, 'method' | 'path'>): boolean =>
  (e.method === 'POST' && /\/(containers|images|build)\/prune/.test(e.path)) || (e.method === 'DELETE' && /\/images\//.test(e.path));
