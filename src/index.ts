import { main } from './main.js';

// Explicit exit: a stray handle (a child's pipe, a timer) must not keep the step alive.
process.exit(await main(process.argv.slice(2)));
