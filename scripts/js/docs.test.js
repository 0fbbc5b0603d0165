// docs/integration.md's JavaScript examples, run as written: every ```js block of the file, in
// order, concatenated into one ES module (so one async context, with top-level `await`; the
// `import`s may stand anywhere at top level) and run with this Node.js against a fresh
// `city-node --dev --tmp` of its own (dev-node.js). The test fails if the program throws,
// rejects or does not exit by itself, naming the block and line of docs/integration.md.
//
// The examples talk to the default node address, ws://127.0.0.1:9944; that one string is
// rewritten to the test node's address. Nothing else is changed. The program runs from a
// temporary directory whose `node_modules` is a link to scripts/js/node_modules, so it imports
// exactly the pinned packages (scripts/js/package.json).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startDevNode } from './dev-node.js';

const here = dirname(fileURLToPath(import.meta.url));
const DOC = 'docs/integration.md';
const DOC_PATH = join(here, '..', '..', DOC);
const DEFAULT_WS = 'ws://127.0.0.1:9944';
const PROGRAM = 'integration-examples.mjs';
const TIMEOUT_MS = 300_000;

/** The ```js blocks of a markdown text: `{ line, code }`, `line` the fence's (1-based). */
function jsBlocks(markdown) {
  const blocks = [];
  let block = null;
  markdown.split('\n').forEach((text, index) => {
    if (block) {
      if (/^```\s*$/.test(text)) {
        blocks.push(block);
        block = null;
      } else {
        block.lines.push(text);
      }
    } else if (/^```js\s*$/.test(text)) {
      block = { line: index + 1, lines: [] };
    } else if (/^```/.test(text)) {
      // Another language's block: skip to its closing fence.
      block = { line: index + 1, lines: [], skip: true };
    }
  });
  return blocks.filter((b) => !b.skip).map(({ line, lines }) => ({ line, code: lines.join('\n') }));
}

/** Runs `node PROGRAM` in `dir`; resolves with `{ code, signal, stdout, stderr, timedOut }`. */
function run(dir) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.CITY_SEED; // the examples' development fallback key, whatever the caller's shell has
    const child = spawn(process.execPath, [PROGRAM], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

test(`${DOC}: the JavaScript examples, in order, are one program that runs on a fresh dev chain`, { timeout: TIMEOUT_MS + 180_000 }, async () => {
  const blocks = jsBlocks(readFileSync(DOC_PATH, 'utf8'));
  assert.ok(blocks.length > 0, `no \`\`\`js blocks in ${DOC}`);
  assert.ok(blocks.some((b) => b.code.includes(DEFAULT_WS)),
    `the examples no longer connect to ${DEFAULT_WS}: update this test's address rewrite`);

  const node = await startDevNode('docs-test');
  const dir = mkdtempSync(join(tmpdir(), 'city-docs-js-'));
  try {
    // Program line -> doc line, to name the failing example.
    const origin = [];
    const parts = blocks.map((block, index) => {
      const lines = block.code.split('\n');
      lines.forEach((_, i) => origin.push({ block: index + 1, line: block.line + 1 + i }));
      return block.code.replaceAll(DEFAULT_WS, node.wsUrl);
    });
    symlinkSync(join(here, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(join(dir, PROGRAM), parts.join('\n') + '\n');

    const result = await run(dir);
    if (result.code !== 0 || result.timedOut) {
      const at = result.stderr.match(new RegExp(`${PROGRAM.replace('.', '\\.')}:(\\d+)`));
      const where = at && origin[Number(at[1]) - 1];
      const place = where
        ? `${DOC}:${where.line} (js block ${where.block} of ${blocks.length})`
        : `${DOC} (${blocks.length} js blocks)`;
      const why = result.timedOut
        ? `did not finish in ${TIMEOUT_MS / 1000} s (a promise that never settles, or a connection left open)`
        : `exited with ${result.code ?? result.signal}`;
      assert.fail(`the examples of ${place} ${why}\n--- stderr ---\n${result.stderr.trim()}\n`
        + `--- stdout ---\n${result.stdout.trim()}\n--- city-node log (tail) ---\n${node.logTail(20)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await node.stop();
  }
});
