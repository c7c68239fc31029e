// Starts the test files that spawn processes first, so that on a cold run (no timings cached yet) the longest files
// do not begin last and leave one worker running alone at the end; the rest keeps Jest's own order.
const Sequencer = require('@jest/test-sequencer').default;

const SLOW = ['test/platform/cli.e2e-spec.ts', 'test/platform/processes.e2e-spec.ts', 'test/platform/boot-matrix.e2e-spec.ts', 'test/platform/worker-process.e2e-spec.ts'];

class SlowFirstSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (test) => {
      const index = SLOW.findIndex((suffix) => test.path.endsWith(suffix));
      return index === -1 ? SLOW.length : index;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
