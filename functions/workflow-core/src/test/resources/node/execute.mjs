// Runs compiled AgentFlow state machines in aws-local-stepfunctions (an independent Step Functions emulator).
// argv[2]: JSON file [{name, definition, input, behaviours: {nodeId: {output?, fail?, failTimes?}}}]
// Every Task is served by a fake node handler: it returns behaviours[node].output (default {value: nodeId}),
// or throws an error named behaviours[node].fail for the first failTimes calls (default: always).
// metadata.seen records the status of every node in the state the handler received.
// Prints [{name, status, output?, error?, cause?, calls}] as JSON.
import { StateMachine } from 'aws-local-stepfunctions';
import fs from 'fs';

const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
async function runCase(c) {
  const calls = {};
  const text = JSON.stringify(c.definition).replace(/\$\{Node(\w+)FunctionArn\}/g, 'arn:aws:lambda:us-east-1:000000000000:function:Node$1Function');
  const def = JSON.parse(text);
  const handler = async (input) => {
    const payload = input.Payload || input;
    const id = payload.node.id;
    calls[id] = (calls[id] || 0) + 1;
    const b = (c.behaviours || {})[id] || {};
    if (b.fail && (b.failTimes === undefined || calls[id] <= b.failTimes)) {
      const e = new Error(b.message || ('failure of ' + id));
      e.name = b.fail;
      throw e;
    }
    const seen = {};
    for (const [k, v] of Object.entries(payload.state.nodes)) seen[k] = v.status;
    return { ExecutedVersion: '$LATEST', StatusCode: 200,
             Payload: { output: b.output !== undefined ? b.output : { value: id }, metadata: { durationMs: 1, seen } } };
  };
  const overrides = { taskResourceLocalHandlers: {}, retryIntervalOverrides: {} };
  const collect = (states) => {
    for (const [k, s] of Object.entries(states)) {
      if (s.Type === 'Task') { overrides.taskResourceLocalHandlers[k] = handler; overrides.retryIntervalOverrides[k] = 0; }
      if (s.Branches) s.Branches.forEach(br => collect(br.States));
    }
  };
  collect(def.States);
  const sm = new StateMachine(def, { validationOptions: { checkArn: false, checkPaths: true } });
  const context = { Execution: { Id: 'arn:aws:states:us-east-1:000000000000:execution:wf:' + c.name, Name: c.name, StartTime: '2026-01-01T00:00:00Z' } };
  try {
    const output = await sm.run(c.input || {}, { overrides, context }).result;
    return { name: c.name, status: 'SUCCEEDED', output, calls };
  } catch (e) {
    const cause = e.cause || e;
    return { name: c.name, status: 'FAILED', error: cause.name, cause: String(cause.message || ''), calls };
  }
}
// executions run concurrently (the interpreter is asynchronous), results kept in input order
const results = await Promise.all(cases.map(runCase));
process.stdout.write(JSON.stringify(results));
