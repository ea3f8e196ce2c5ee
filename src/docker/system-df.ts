/** `docker system df`, which the daemon runs one at a time. */
import type { ZodMiniType } from 'zod/mini';
import { parseJson, type DockerCli } from './cli.js';
import { DockerError } from './errors.js';

/** What the daemon answers while another disk-usage walk runs. */
export const DF_BUSY = /disk usage operation is already running/i;

/**
 * `docker system df` (JSON lines), or undefined when the daemon keeps answering that another
 * disk-usage walk is running: it allows one at a time, and a job step and the nightly timer may
 * ask together. The sizes it gives are for the report and the eviction's estimates only, so a
 * busy daemon (after a few tries) means "unknown", never a failed run.
 */
export async function systemDf<T>(docker: DockerCli, args: string[], schema: ZodMiniType<T>): Promise<T[] | undefined> {
  for (let attempt = 0; ; attempt++) {
    const r = await docker.exec(args);
    if (r.exitCode === 0) return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => parseJson(schema, l, args));
    if (!DF_BUSY.test(r.stderr)) throw new DockerError(args, r.exitCode, r.stderr);
    if (attempt === 4) return undefined;
    await new Promise((done) => setTimeout(done, 250 * 2 ** attempt));
  }
}
