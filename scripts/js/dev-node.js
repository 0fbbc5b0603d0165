// A fresh `city-node --dev --tmp` for a test file: started on free loopback ports, its output
// kept in a log file (its tail goes into the error when it fails to start), stopped at the end
// and killed if the test process exits first. The binary is `$CITY_NODE`, or
// `$CARGO_TARGET_DIR/debug/city-node`.

import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function nodeBinary() {
  if (process.env.CITY_NODE) return process.env.CITY_NODE;
  if (!process.env.CARGO_TARGET_DIR) {
    throw new Error('set CITY_NODE (the city-node binary) or CARGO_TARGET_DIR (where cargo built it)');
  }
  return join(process.env.CARGO_TARGET_DIR, 'debug', 'city-node');
}

/** A TCP port free on the loopback interface right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const running = new Set();

// If the test process dies some other way, its nodes go with it.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts `city-node --dev --tmp` and waits until its RPC server answers. `label` names the log
 * file. Resolves with `{ rpcPort, wsUrl, httpUrl, logPath, logTail(lines), stop() }`.
 */
export async function startDevNode(label = 'js-test') {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const logPath = join(tmpdir(), `city-node-${label}-${process.pid}-${rpcPort}.log`);
  const log = createWriteStream(logPath);
  const child = spawn(
    nodeBinary(),
    ['--dev', '--tmp', '--rpc-port', String(rpcPort), '--port', String(p2pPort),
      '--no-prometheus', '--no-telemetry', '--no-mdns'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  const spawned = new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  child.once('exit', (code, signal) => {
    exited = { code, signal };
    running.delete(child);
  });
  await spawned;
  running.add(child);

  const logTail = (lines = 60) => {
    try {
      return readFileSync(logPath, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };

  /** Stops the node: SIGINT, then SIGKILL if it has not exited after 30 s. */
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(resolve, 30_000, 'timeout'); });
    const outcome = await Promise.race([gone, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      child.kill('SIGKILL');
      await gone;
    }
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`city-node exited (${JSON.stringify(exited)}):\n${logTail()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${rpcPort}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: [] }),
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`city-node's RPC did not answer in 120 s:\n${logTail()}`);
    }
    await sleep(250);
  }
  return {
    rpcPort,
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    httpUrl: `http://127.0.0.1:${rpcPort}`,
    logPath,
    logTail,
    stop,
  };
}
