// Runs ASL conformance cases through aws-local-stepfunctions (library API) and writes their results.
// Usage: node run-cases.mjs <cases.json> <results.json>
// cases.json: [{id, definition, input, tasks, context, realWaits}]; tasks as in ScriptedTaskHandler:
//   {"State": {"result"?, "failTimes"?, "alwaysFail"?, "error"?, "cause"?, "sleepSeconds"?}}
// Definition validation is switched off (it costs ~160 ms per StateMachine and every case is valid).
// results.json: [{id, status: SUCCEEDED|FAILED|TIMED_OUT|ERROR, output?, error?, cause?}]
import { readFileSync, writeFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const [casesFile, resultsFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stateNames(definition, out = { tasks: [], waits: [], retryable: [] }) {
  for (const [name, s] of Object.entries(definition.States ?? {})) {
    if (s.Type === 'Task') out.tasks.push(name);
    if (s.Type === 'Wait') out.waits.push(name);
    if (s.Retry) out.retryable.push(name);
    for (const b of s.Branches ?? []) stateNames(b, out);
    if (s.Iterator) stateNames(s.Iterator, out);
    if (s.ItemProcessor) stateNames(s.ItemProcessor, out);
  }
  return out;
}

function handlerFor(spec) {
  const calls = { n: 0 };
  return async (input) => {
    calls.n++;
    if (spec === undefined) return input;
    if (spec.sleepSeconds) await sleep(spec.sleepSeconds * 1000);
    if (spec.alwaysFail || (spec.failTimes !== undefined && calls.n <= spec.failTimes)) {
      const e = new Error(spec.cause ?? '');
      e.name = spec.error ?? 'TaskError';
      throw e;
    }
    return spec.result !== undefined ? spec.result : input;
  };
}

async function runCase(c) {
  const names = stateNames(c.definition);
  const taskResourceLocalHandlers = {};
  for (const t of names.tasks) taskResourceLocalHandlers[t] = handlerFor((c.tasks ?? {})[t]);
  const waitTimeOverrides = {};
  if (!c.realWaits) for (const w of names.waits) waitTimeOverrides[w] = 5;
  const retryIntervalOverrides = {};
  for (const r of names.retryable) retryIntervalOverrides[r] = 5;
  try {
    const sm = new StateMachine(c.definition, { validationOptions: { noValidate: true } });
    const execution = sm.run(c.input, {
      overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides },
      context: c.context,
    });
    const output = await execution.result;
    return { id: c.id, status: 'SUCCEEDED', output: output === undefined ? null : output };
  } catch (e) {
    if (e?.constructor?.name === 'ExecutionTimeoutError') return { id: c.id, status: 'TIMED_OUT' };
    if (e?.constructor?.name === 'ExecutionError') {
      return { id: c.id, status: 'FAILED', error: e.cause?.name ?? null, cause: e.cause?.message ?? null };
    }
    return { id: c.id, status: 'ERROR', error: e?.name ?? 'Error', cause: String(e?.message ?? e) };
  }
}

const results = await Promise.all(cases.map(runCase));
writeFileSync(resultsFile, JSON.stringify(results, null, 2));
