// Writes action.yml from the one input table (src/inputs/definitions.ts, via the compiled
// test build). Run: npm run gen:action. A unit test fails when action.yml drifts from the table.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
const { INPUTS, OUTPUTS } = await import(new URL('../.build/src/inputs/definitions.js', import.meta.url));
const doc = {
  name: 'ci-docker-prune',
  description: 'Keep a self-hosted CI host\'s Docker disk bounded without losing the warm image cache: gated, surgical, LRU.',
  author: 'ci-docker-prune developers',
  branding: { icon: 'trash-2', color: 'blue' },
  inputs: Object.fromEntries(INPUTS.map((d) => [d.name, { description: d.description, required: false, default: d.default }])),
  outputs: Object.fromEntries(Object.entries(OUTPUTS).map(([k, v]) => [k, { description: v }])),
  runs: { using: 'node24', main: 'dist/index.js', post: 'dist/index.js', 'post-if': 'always()' },
};
writeFileSync(new URL('../action.yml', import.meta.url), `# Generated from src/inputs/definitions.ts by scripts/gen-action.mjs; do not edit by hand.\n${stringify(doc, { lineWidth: 0 })}`);
