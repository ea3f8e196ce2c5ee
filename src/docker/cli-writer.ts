/**
 * The Engine port's removals through the docker CLI: each request is built by the allowlist
 * (commands.ts) from its typed arguments, and re-checked there once more right before it runs
 * (DockerCli.destroy). The CLI's output is read here, so nothing past the port sees it.
 */
import type { DockerCli, ExecResult } from './cli.js';
import { lastLine } from './errors.js';
import { pruneCommand, removeImageCommand, removeImageRefCommand, type DestructiveCommand } from './commands.js';
import { parseBytes } from '../inputs/units.js';
import type { EngineWriter, PruneKind, PruneOutcome, Refusal } from './writer.js';

export interface WriterHooks {
  /** After every removal request, whatever its outcome (a reader's kept disk-usage walk is stale). */
  onRemoved(): void;
}

export class CliWriter implements EngineWriter {
  constructor(private readonly docker: DockerCli, private readonly hooks: WriterHooks = { onRemoved: () => undefined }) {}

  async prune(kind: PruneKind, untilMs: number): Promise<PruneOutcome> {
    const r = await this.destroy(pruneCommand(kind, untilMs));
    return { ...parsePruneOutput(r.stdout), error: r.exitCode === 0 ? undefined : r.stderr.trim() || `exit ${r.exitCode}` };
  }

  removeImage(id: string): Promise<Refusal> {
    return this.remove(removeImageCommand(id));
  }

  removeImageRef(reference: string): Promise<Refusal> {
    return this.remove(removeImageRefCommand(reference));
  }

  private async remove(command: DestructiveCommand): Promise<Refusal> {
    const r = await this.destroy(command);
    return r.exitCode === 0 ? undefined : { message: lastLine(r.stderr), noSuchImage: /No such image/i.test(r.stderr) };
  }

  private async destroy(command: DestructiveCommand): Promise<ExecResult> {
    try { return await this.docker.destroy(command); } finally { this.hooks.onRemoved(); }
  }
}

/**
 * Docker prints the deleted objects, then `Total reclaimed space: 1.98MB`. Image prunes list
 * `untagged: …` and `deleted: sha256:…` lines; we keep the ids of deleted objects.
 */
export function parsePruneOutput(stdout: string): { deleted: string[]; reclaimedBytes: number } {
  const deleted: string[] = [];
  let reclaimedBytes = 0;
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    const total = /^Total reclaimed space:\s*(.+)$/.exec(line);
    if (total) { reclaimedBytes = parseBytes(total[1]!) ?? 0; continue; }
    const del = /^deleted:\s*(sha256:[0-9a-f]{64})$/i.exec(line);
    if (del) { deleted.push(del[1]!); continue; }
    if (/^[0-9a-z]{20,}$/.test(line)) deleted.push(line); // container ids, build cache ids
  }
  return { deleted, reclaimedBytes };
}
