/**
 * Where the tool speaks. In Actions: @actions/core (annotations, groups, outputs, state, job
 * summary), loaded only there. Elsewhere (shell, Drone, the NixOS timer's journal): plain lines
 * with timings and no `::` workflow commands; outputs are collected for the report file.
 */
export interface Output {
  readonly kind: 'actions' | 'shell';
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A titled block of log lines; the title gets the block's duration. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  setOutput(name: string, value: string | number | boolean): void;
  /** Everything set with setOutput, for the report file. */
  readonly outputs: Record<string, string>;
  saveState(name: string, value: string): void;
  /** A markdown job summary; a no-op outside Actions. */
  summary(markdown: string): Promise<void>;
}

/** Plain text for a terminal or the journal. */
export function shellOutput(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  writeErr: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Output {
  const outputs: Record<string, string> = {};
  let depth = 0;
  const pad = (): string => '  '.repeat(depth);
  return {
    kind: 'shell',
    outputs,
    info: (m) => { for (const l of m.split('\n')) write(`${pad()}${l}`); },
    warn: (m) => writeErr(`${pad()}warning: ${m}`),
    error: (m) => writeErr(`${pad()}error: ${m}`),
    async group(title, fn) {
      const t0 = performance.now();
      write(`${pad()}▸ ${title}`);
      depth++;
      try { return await fn(); } finally {
        depth--;
        const took = Math.round(performance.now() - t0);
        if (took >= 5) write(`${pad()}  (${took} ms)`);
      }
    },
    setOutput: (name, value) => { outputs[name] = String(value); },
    saveState: () => { /* outside Actions the modes keep their own state files */ },
    summary: async () => { /* no job summary outside Actions */ },
  };
}

/** GitHub/Forgejo/Gitea Actions via @actions/core (imported lazily: it costs ~45 ms to load). */
export async function actionsOutput(): Promise<Output> {
  const core = await import('@actions/core');
  const outputs: Record<string, string> = {};
  return {
    kind: 'actions',
    outputs,
    info: (m) => core.info(m),
    warn: (m) => core.warning(m),
    error: (m) => core.error(m),
    async group(title, fn) {
      const t0 = performance.now();
      core.startGroup(title);
      try { return await fn(); } finally {
        core.info(`(${Math.round(performance.now() - t0)} ms)`);
        core.endGroup();
      }
    },
    setOutput: (name, value) => { outputs[name] = String(value); core.setOutput(name, value); },
    saveState: (name, value) => core.saveState(name, value),
    async summary(markdown) {
      if (!process.env.GITHUB_STEP_SUMMARY) return; // summary.write() throws without it
      await core.summary.addRaw(markdown, true).write();
    },
  };
}
