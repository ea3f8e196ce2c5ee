/**
 * Reads from the Docker Engine API in-process: HTTP over the daemon's unix socket (or plain
 * `tcp://`) with node:http. A request costs the daemon's work and well under a millisecond of
 * ours, where each `docker` CLI process costs a Go start (BENCHMARKS.md), so
 * the snapshot on every job's critical path asks here. Read-only by construction: there is no
 * method but GET. Destructive requests stay on the allowlisted CLI path (docker/commands.ts),
 * and so do pulls (credential helpers, the daemon's mirrors).
 *
 * The API version: requests carry no version prefix, so the daemon answers at its own, which is
 * what negotiating to the server's version picks (Docker 29 refuses versions older than 1.44,
 * 20.10 knows none newer than 1.41), without a round trip before the first request. `/_ping`
 * goes out alongside it, once per run, and no answer is used unless the daemon speaks at least
 * 1.41 (Docker 20.10, the oldest engine proved; `/services?status=true` needs it). Every request
 * is bounded by `docker-timeout`, and a stop request (SIGTERM) is honoured between requests.
 */
import { readFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:http';
import { connect, isIP, type Socket } from 'node:net';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import type { ZodMiniType } from 'zod/mini';
import { clientConfigDir, DEFAULT_SOCKET, DEFAULT_SOCKET_PATH } from './client-config.js';
import { ApiError, DockerError, DockerTimeout, Stopped, type StopFlag } from './errors.js';
import { formatDuration } from '../inputs/units.js';

/** Where the API is, when this process can reach it by itself; undefined = use the CLI. */
export type ApiEndpoint = { socketPath: string; target: string } | { host: string; port: number; tls?: TlsSettings; target: string };

/**
 * TLS as the docker CLI takes it from its environment: `DOCKER_TLS_VERIFY` verifies the daemon
 * against `ca.pem` (else the system's roots), `DOCKER_TLS` encrypts without verifying; the
 * client presents `cert.pem`/`key.pem` where they exist. All in `DOCKER_CERT_PATH`, else the
 * client's config dir.
 */
export interface TlsSettings { certDir: string; verify: boolean }

/**
 * The endpoint for `host` (else DOCKER_HOST, else the default socket). Undefined for what only
 * the CLI knows how to reach: `ssh://`, a CLI context, npipe/fd, and a `DOCKER_CERT_PATH`
 * without `DOCKER_TLS`/`DOCKER_TLS_VERIFY` (the CLI then talks plain TCP; the reads go where
 * pulls and removals go, whatever that turns out to be).
 */
export function apiEndpoint(host: string | undefined, env: Readonly<Record<string, string | undefined>>): ApiEndpoint | undefined {
  const h = host ?? env.DOCKER_HOST;
  if (h === undefined || h === '') {
    if (env.DOCKER_CONTEXT && env.DOCKER_CONTEXT !== 'default') return undefined;
    return { socketPath: DEFAULT_SOCKET_PATH, target: DEFAULT_SOCKET };
  }
  // `unix://` with no path is the default socket, as the CLI reads it
  if (h.startsWith('unix://')) return h.length > 7 ? { socketPath: h.slice(7), target: h } : { socketPath: DEFAULT_SOCKET_PATH, target: DEFAULT_SOCKET };
  if (!h.startsWith('tcp://')) return undefined;
  const tls = env.DOCKER_TLS_VERIFY || env.DOCKER_TLS
    ? { certDir: env.DOCKER_CERT_PATH || clientConfigDir(env), verify: Boolean(env.DOCKER_TLS_VERIFY) }
    : undefined;
  if (!tls && env.DOCKER_CERT_PATH) return undefined;
  const u = new URL(`http://${h.slice(6)}`);
  // the CLI's default ports: 2376 with TLS, 2375 without
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || (tls ? 2376 : 2375)), ...(tls ? { tls } : {}), target: h };
}

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/**
 * How an answer is checked: a schema, or a loader of one. With a loader the schemas (and zod)
 * load while the daemon works on the requests, so a run's start-up does not wait for them.
 */
export type AnswerSchema<T> = ZodMiniType<T> | (() => Promise<ZodMiniType<T>>);

/**
 * The largest answer read (far above a real CI host's: 1,500 images list in about 2 MB, 10,000 in about 15). Bigger
 * is a broken daemon or proxy; reading it would cost gigabytes and end in ERR_STRING_TOO_LONG.
 */
export const MAX_ANSWER_BYTES = 64 << 20;

/** The oldest API whose answers this tool reads (Docker 20.10). */
export const MIN_API_VERSION = '1.41';

export function versionAtLeast(v: string, min: string): boolean {
  const [vMajor = 0, vMinor = 0] = v.split('.').map(Number);
  const [mMajor = 0, mMinor = 0] = min.split('.').map(Number);
  return vMajor !== mMajor ? vMajor > mMajor : vMinor >= mMinor;
}

export class EngineApi {
  /** Requests made (reported with the CLI's process count). */
  calls = 0;
  private version: Promise<string> | undefined;
  private tlsFiles: Pick<ConnectionOptions, 'ca' | 'cert' | 'key'> | undefined;
  private tlsModule: Promise<typeof import('node:tls')> | undefined;

  constructor(readonly endpoint: ApiEndpoint, readonly timeoutMs: number, readonly stop: StopFlag) {}

  get target(): string { return this.endpoint.target; }

  /** GET `path` (API-relative, e.g. `/images/json`), parsed and checked by `schema`. */
  async get<T>(path: string, answer: AnswerSchema<T>): Promise<T> {
    // a schema loader runs once the request is written, while the daemon works on the answer
    // (loading zod before it would hold up the very writes it is meant to overlap with), and
    // not before the loop's next turn: the first written of a wave would otherwise load it
    // while the others' connections wait to be written (see exchange)
    let loading: Promise<ZodMiniType<T>> | undefined;
    const load = (): Promise<ZodMiniType<T>> => {
      if (!loading) {
        loading = typeof answer === 'function' ? answer() : Promise.resolve(answer);
        loading.catch(() => undefined); // awaited once the answer is in; a failed request never awaits it
      }
      return loading;
    };
    const [, a] = await Promise.all([this.negotiate(), this.send(path, path, load)]);
    const schema = await load();
    if (a.status >= 400) throw new ApiError(path, a.status, errorMessage(a.body));
    let value: unknown;
    try { value = JSON.parse(a.body); } catch (e) {
      throw new ApiError(path, a.status, `answer is not JSON (${(e as Error).message.slice(0, 80)})`);
    }
    const r = schema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new ApiError(path, a.status, `unexpected answer shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
    }
    return r.data;
  }

  /** The daemon's API version, from /_ping (asked once per run); rejects one older than 1.41. */
  negotiate(): Promise<string> {
    if (!this.version) {
      const p = this.send('/_ping', '/_ping').then((a) => {
        const v = a.headers['api-version'];
        const version = Array.isArray(v) ? v[0] : v;
        if (a.status !== 200 || !version || !/^\d+\.\d+$/.test(version)) {
          throw new ApiError('/_ping', a.status, `no API version in the answer (${errorMessage(a.body) || 'empty'})`);
        }
        if (!versionAtLeast(version, MIN_API_VERSION)) {
          throw new ApiError('/_ping', a.status, `the daemon at ${this.target} speaks Docker API ${version}; this tool reads ${MIN_API_VERSION} (Docker 20.10) or newer`);
        }
        return version;
      });
      p.catch(() => undefined); // reported by the request that awaits it, never as an unhandled rejection
      this.version = p;
    }
    return this.version;
  }

  /** The TLS connection options, the files read on the first request. */
  private tlsOptions(host: string, port: number, tls: TlsSettings): ConnectionOptions {
    this.tlsFiles ??= readTlsFiles(tls);
    return tlsConnectionOptions(host, port, tls, this.tlsFiles);
  }

  /** One GET of `path`; `shown` names it in messages (without the version prefix). */
  private send(path: string, shown: string, sent?: () => void): Promise<Answer> {
    if (this.stop.signal) return Promise.reject(new Stopped(this.stop.signal));
    this.calls++;
    const ep = this.endpoint;
    // one connection per request, made here: no http.Agent, whose first request compiles an
    // IPv6 regular expression to name a TLS server we never have (a cost of every run: BENCHMARKS.md)
    if (!('tls' in ep && ep.tls)) return this.exchange(path, shown, () => ('socketPath' in ep ? connect(ep.socketPath) : connect(ep.port, ep.host)), sent);
    let tls: ConnectionOptions;
    try {
      tls = this.tlsOptions(ep.host, ep.port, ep.tls);
    } catch (e) {
      return Promise.reject(new ApiError(shown, 0, `cannot use the TLS files for ${this.target}: ${(e as Error).message}`));
    }
    // node:tls is loaded only for a daemon reached over TLS: loading it costs every other run a
    // tenth of its start-up (BENCHMARKS.md, 2026-12-02)
    this.tlsModule ??= import('node:tls');
    return this.tlsModule.then(
      ({ connect: tlsConnect }) => this.exchange(path, shown, () => tlsConnect(tls), sent),
      (e: Error) => { throw new ApiError(shown, 0, `cannot reach ${this.target} over TLS: this Node has no TLS (${e.message})`); },
    );
  }

  /** The request itself, on a connection `open` makes; `sent` is called in the turn after it is written. */
  private exchange(path: string, shown: string, open: () => Socket, sent?: () => void): Promise<Answer> {
    if (this.stop.signal) return Promise.reject(new Stopped(this.stop.signal)); // a stop while node:tls loaded
    const ep = this.endpoint;
    const opts: RequestOptions = { createConnection: open, path, method: 'GET', headers: { Host: 'docker' } };
    return new Promise<Answer>((resolve, reject) => {
      let timedOut: DockerTimeout | undefined;
      // whatever breaks the exchange is a Docker error naming the request, never a stack trace
      const over = 'tls' in ep && ep.tls ? ` over TLS (${ep.tls.verify ? 'verified against' : 'unverified, client certificate from'} ${ep.tls.certDir})` : '';
      const failed = (e: Error): void => reject(timedOut ?? (e instanceof DockerError || e instanceof Stopped ? e
        : new ApiError(shown, 0, `cannot reach the Docker daemon at ${this.target}${over}: ${e.message}`)));
      const req = request(opts, (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          // bounded: an answer past any real host's (a runaway daemon, a proxy gone wrong) is an error naming it, not an out-of-memory crash
          if (bytes > MAX_ANSWER_BYTES) { req.destroy(new ApiError(shown, res.statusCode ?? 0, `the answer is over ${MAX_ANSWER_BYTES >> 20} MiB: refused`)); return; }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', failed);
      });
      // the whole request, answer included, is bounded (a hung daemon accepts and never answers,
      // or stops half-way through its answer)
      const timer = setTimeout(() => {
        timedOut = new DockerTimeout(['GET', shown], this.timeoutMs, 'docker-timeout');
        timedOut.message = `GET ${shown} timed out after ${formatDuration(this.timeoutMs)} (docker-timeout)`;
        req.destroy(timedOut);
      }, this.timeoutMs);
      // a read is safe to abandon: a stop request ends it at once, so the report is not kept waiting
      const abandon = (signal: string): void => { req.destroy(new Stopped(signal, `GET ${shown}`)); };
      this.stop.onStop?.add(abandon);
      req.on('close', () => { clearTimeout(timer); this.stop.onStop?.delete(abandon); });
      req.on('error', failed);
      // after this turn's other callbacks: the rest of the wave is written before the loader runs
      if (sent) req.once('finish', () => setImmediate(sent));
      req.end();
    });
  }
}

/**
 * How to open a TLS connection to the daemon, as the docker CLI would: the CA, the client's
 * certificate and key read once (each where it exists; an unreadable one is an error, not a
 * quiet downgrade), the daemon's name checked against its certificate when verifying.
 */
export function tlsConnectionOptions(host: string, port: number, tls: TlsSettings, files: Pick<ConnectionOptions, 'ca' | 'cert' | 'key'>): ConnectionOptions {
  return { host, port, ...(isIP(host) ? {} : { servername: host }), ...files, rejectUnauthorized: tls.verify, ...(tls.verify ? {} : { checkServerIdentity: () => undefined }) };
}

/** The CA (only when verifying, as the CLI), client certificate and key in `dir`, each where present. */
export function readTlsFiles(tls: TlsSettings): Pick<ConnectionOptions, 'ca' | 'cert' | 'key'> {
  const read = (name: string): Buffer | undefined => {
    try { return readFileSync(join(tls.certDir, name)); } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`${join(tls.certDir, name)}: ${(e as Error).message}`);
    }
  };
  const ca = tls.verify ? read('ca.pem') : undefined;
  const cert = read('cert.pem');
  const key = read('key.pem');
  if ((cert === undefined) !== (key === undefined)) throw new Error(`${tls.certDir} holds ${cert ? 'cert.pem without key.pem' : 'key.pem without cert.pem'}`);
  return { ...(ca ? { ca } : {}), ...(cert && key ? { cert, key } : {}) };
}

/** The daemon's `{"message": …}`, or the body's first line. */
function errorMessage(body: string): string {
  try {
    const m = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof m === 'string') return m;
  } catch { /* not JSON */ }
  return body.trim().split('\n')[0]?.slice(0, 200) ?? '';
}
