// Times aws-local-stepfunctions on benchmark definitions, in process (node start-up and module loading are
// excluded): each StateMachine is constructed once (validation included, outside the timing), warmed up, then
// `rounds` rounds of `iterations` executions are timed with process.hrtime, either one after the other
// ("sequential") or all started at once and awaited together ("concurrent"); the median round is reported.
// Usage: node bench.mjs <bench-cases.json> <bench-results.json>
// bench-cases.json: [{id, definition, input, warmup, iterations, rounds, mode}]
// bench-results.json: [{id, iterations, totalMillis, rounds: [millis...]}]
import { readFileSync, writeFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const [casesFile, resultsFile] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const results = [];
for (const c of cases) {
  const sm = new StateMachine(c.definition);
  const runOnce = () => sm.run(c.input).result;
  const timeRound = async (n) => {
    const start = process.hrtime.bigint();
    if (c.mode === 'concurrent') {
      const all = [];
      for (let i = 0; i < n; i++) all.push(runOnce());
      await Promise.all(all);
    } else {
      for (let i = 0; i < n; i++) await runOnce();
    }
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  await timeRound(c.warmup);
  const rounds = [];
  for (let r = 0; r < (c.rounds ?? 1); r++) rounds.push(await timeRound(c.iterations));
  const sorted = [...rounds].sort((a, b) => a - b);
  results.push({ id: c.id, iterations: c.iterations, totalMillis: sorted[Math.floor(sorted.length / 2)], rounds });
}
writeFileSync(resultsFile, JSON.stringify(results, null, 2));
