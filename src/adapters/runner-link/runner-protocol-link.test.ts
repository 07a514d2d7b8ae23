import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { RunnerProtocol } from '../../ports/runner-protocol.js';
import { runnerProtocolOverLink, serveRunnerProtocol, type MessageLink } from './runner-protocol-link.js';

/** One end of a real MessageChannel (structured cloning, as the IPC channel's advanced serialisation). */
function linkOf(port: MessagePort): MessageLink {
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => void port.on('message', listener),
  };
}

function pair(protocol: RunnerProtocol) {
  const { port1, port2 } = new MessageChannel();
  serveRunnerProtocol(linkOf(port1), protocol);
  const client = runnerProtocolOverLink(linkOf(port2));
  return { client, port1, port2, close: () => (client.close(), port1.close(), port2.close()) };
}

const job = { id: 7, name: 'deploy', stage: 'test', beforeScript: [], script: ['echo hi'], afterScript: [], variables: [], timeoutSeconds: 60, allowFailure: false };

describe('the runner protocol over a message link', () => {
  test('each call reaches the protocol with its arguments and comes back with its answer', async () => {
    const seen: unknown[] = [];
    const { client, close } = pair({
      requestJob: async (runner) => (seen.push(['requestJob', runner]), job),
      appendTrace: async (jobId, offset, bytes) => (seen.push(['appendTrace', jobId, offset, Buffer.from(bytes).toString('latin1')]), { kind: 'ok', size: offset + bytes.length }),
      heartbeat: async (jobId) => (seen.push(['heartbeat', jobId]), { kind: 'alive', cancelRequested: true }),
      finishJob: async (jobId, outcome) => (seen.push(['finishJob', jobId, outcome.status]), { kind: 'finished', status: 'success' }),
    });
    try {
      assert.deepEqual(await client.requestJob({ id: 1, name: 'embedded' }), job);
      const bytes = Buffer.from([0xff, 0x00, 0x41, 0x0a]);
      assert.deepEqual(await client.appendTrace(7, 10, bytes), { kind: 'ok', size: 14 });
      assert.deepEqual(await client.heartbeat(7), { kind: 'alive', cancelRequested: true });
      assert.deepEqual(await client.finishJob(7, { status: 'success', exitCode: 0, traceBytes: 14 }), { kind: 'finished', status: 'success' });
      assert.deepEqual(seen, [
        ['requestJob', { id: 1, name: 'embedded' }],
        ['appendTrace', 7, 10, '\xff\x00A\n'],
        ['heartbeat', 7],
        ['finishJob', 7, 'success'],
      ]);
    } finally {
      close();
    }
  });

  test('overlapping calls get their own answers, in whatever order they come; other messages are ignored', async () => {
    const { client, close, port1, port2 } = pair({
      requestJob: async () => undefined,
      appendTrace: async () => ({ kind: 'job_not_running' }),
      heartbeat: async (jobId) => {
        await new Promise((resolve) => setTimeout(resolve, jobId === 1 ? 30 : 0));
        return jobId === 1 ? { kind: 'gone' } : { kind: 'alive', cancelRequested: false };
      },
      finishJob: async () => ({ kind: 'not_found' }),
    });
    try {
      // Other messages share the link (the runner process's commands): both ends leave them alone.
      port2.postMessage({ kind: 'notify' });
      port1.postMessage({ kind: 'stopped' });
      const [slow, fast] = await Promise.all([client.heartbeat(1), client.heartbeat(2)]);
      assert.deepEqual(slow, { kind: 'gone' });
      assert.deepEqual(fast, { kind: 'alive', cancelRequested: false });
      assert.equal(await client.requestJob({ id: 1, name: 'x' }), undefined);
    } finally {
      close();
    }
  });

  test('a failing call rejects at the caller with its message; a closed link rejects waiting and new calls', async () => {
    let release = (): void => undefined;
    const { client, port1, port2 } = pair({
      requestJob: () => Promise.reject(new Error('database is locked')),
      appendTrace: async () => ({ kind: 'job_not_running' }),
      heartbeat: () => new Promise((resolve) => (release = () => resolve({ kind: 'gone' }))),
      finishJob: async () => ({ kind: 'not_found' }),
    });
    try {
      await assert.rejects(client.requestJob({ id: 1, name: 'x' }), /database is locked/);
      const waiting = client.heartbeat(3);
      await new Promise((resolve) => setTimeout(resolve, 10));
      client.close();
      await assert.rejects(waiting, /runner link is closed/);
      await assert.rejects(client.finishJob(3, { status: 'success', exitCode: 0, traceBytes: 0 }), /runner link is closed/);
    } finally {
      release();
      port1.close();
      port2.close();
    }
  });
});
