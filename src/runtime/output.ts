/**
 * Where the tool speaks. In Actions: the runner's commands (annotations, groups, outputs, state,
 * job summary; runtime/actions-commands.ts), loaded only there. Elsewhere (shell, Drone, the
 * NixOS timer's journal): plain lines with timings and no `::` workflow commands; outputs are
 * collected for the report file.
 */
export interface Output {
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
  /** Resolves once every line, output and state so far is written (before the process exits). */
  flush(): Promise<void>;
}

/**
 * One log line that cannot be read as a workflow command, whatever it holds: the runner acts on
 * a line that starts with `::` (after leading blanks) and on `##[` anywhere. Names, tags and
 * error texts come from compose files of the repository under test and from Docker, so each
 * line of every message is defused: a zero-width space goes between the two characters. The
 * text reads the same to a person.
 */
export function defuseLine(line: string): string {
  const zwsp = '\u200b';
  let l = line.replace(/##\[/g, `#${zwsp}#[`);
  const lead = /^\s*/.exec(l)![0];
  if (l.startsWith('::', lead.length)) l = `${lead}:${zwsp}${l.slice(lead.length + 1)}`;
  return l;
}

/** Every line of a message (any line break, CR included), defused. */
export const safeLines = (m: string): string[] => m.split(/\r\n|\r|\n|\u2028|\u2029/).map(defuseLine);

/** Plain text for a terminal or the journal. */
export function shellOutput(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  writeErr: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Output {
  const outputs: Record<string, string> = {};
  let depth = 0;
  const pad = (): string => '  '.repeat(depth);
  return {
    outputs,
    info: (m) => { for (const l of safeLines(m)) write(`${pad()}${l}`); },
    warn: (m) => writeErr(`${pad()}warning: ${safeLines(m).join(' ⏎ ')}`),
    error: (m) => writeErr(`${pad()}error: ${safeLines(m).join(' ⏎ ')}`),
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
    flush: async () => { /* written as it goes */ },
  };
}

/**
 * GitHub/Forgejo/Gitea Actions, through @actions/core's command writer (actions-commands.ts),
 * imported lazily. The import is not waited for: the run sends its first Docker requests while
 * the chunk loads, and what is said before it is there is queued and written, in order, once it
 * is. The runner's files are those named in `env`.
 */
export function actionsOutput(env: Readonly<Record<string, string | undefined>>): Output {
  type Commands = import('./actions-commands.js').Commands;
  const outputs: Record<string, string> = {};
  let loaded: Commands | undefined;
  const queue: ((c: Commands) => void)[] = [];
  const later = (f: (c: Commands) => void): void => { if (loaded) f(loaded); else queue.push(f); };
  // a queued write that fails (a runner file gone) does not drop the ones after it; flush() says it
  let failed: Error | undefined;
  const ready: Promise<Commands> = import('./actions-commands.js').then((m) => {
    const c = loaded = m.commands(env);
    for (const f of queue.splice(0)) { try { f(c); } catch (e) { failed ??= e as Error; } }
    return c;
  });
  // a chunk that cannot load (a broken bundle) fails the run where it is awaited: flush() at the latest
  ready.catch(() => undefined);
  return {
    outputs,
    // info writes raw lines; warning/error/startGroup escape their data themselves (core's command.js)
    info: (m) => { const lines = safeLines(m); later((c) => { for (const l of lines) c.info(l); }); },
    warn: (m) => { const text = safeLines(m).join('\n'); later((c) => c.warning(text)); },
    error: (m) => { const text = safeLines(m).join('\n'); later((c) => c.error(text)); },
    // the block's requests do not wait for the chunk either: its title takes its turn in the queue
    async group(title, fn) {
      const t0 = performance.now();
      later((c) => c.startGroup(title));
      try { return await fn(); } finally {
        const took = Math.round(performance.now() - t0);
        later((c) => { c.info(`(${took} ms)`); c.endGroup(); });
      }
    },
    setOutput: (name, value) => { outputs[name] = String(value); later((c) => c.setOutput(name, value)); },
    saveState: (name, value) => later((c) => c.saveState(name, value)),
    async summary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) return; // summary.write() throws without it
      await (await ready).summary(markdown);
    },
    flush: async () => { await ready; if (failed) throw failed; },
  };
}
