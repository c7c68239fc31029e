import { SingleBar } from 'cli-progress';

/**
 * How a CLI command shows a job's progress: a bar redrawn in place on a terminal; plain lines (at most one every 2 s,
 * and the last one) when the output goes to a file or a pipe, where a redrawn bar would be noise.
 */
export function progressReporter(out: NodeJS.WriteStream = process.stdout): { update: (done: number, total: number) => void; stop: () => void } {
  const started = Date.now();
  const rate = (done: number) => Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
  if (out.isTTY) {
    const bar = new SingleBar({ format: '{bar} {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}', stream: out, hideCursor: true });
    let begun = false;
    return {
      update: (done, total) => {
        if (!begun) bar.start(total, done, { rate: rate(done) });
        else bar.setTotal(total);
        begun = true;
        bar.update(done, { rate: rate(done) });
      },
      stop: () => begun && bar.stop(),
    };
  }
  type Line = { done: number; total: number };
  let last: Line | null = null;
  let printed: Line | null = null;
  let printedAt = 0;
  const print = () => {
    if (!last || last === printed) return;
    printed = last;
    printedAt = Date.now();
    out.write(`${last.done}/${last.total} (${rate(last.done)}/s)\n`);
  };
  return {
    update: (done, total) => {
      last = { done, total };
      if (Date.now() - printedAt >= 2000) print();
    },
    stop: print,
  };
}
