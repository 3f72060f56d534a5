// Parses each file named on the command line with Mermaid's own parser (the `mermaid` package, in a
// DOM that jsdom provides), and fails when one does not parse: `.ci/run` runs it on the exports.
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    await mermaid.parse(readFileSync(file, 'utf8'));
    console.log(`${file}: parsed`);
  } catch (e) {
    failed++;
    console.error(`${file}: ${e.message ?? e}`);
  }
}
process.exit(failed ? 1 : 0);
