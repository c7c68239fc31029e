import { NestFactory } from '@nestjs/core';
import { MultiBar, Presets } from 'cli-progress';
import { AppModule, PlatformOptions, ReconcileListener, Reconciliation } from '../../libs/platform';

/**
 * `<topic>:reconcile`: runs the enabled modules' reconcilers of the topic in this process, one progress bar each on a
 * terminal (plain lines otherwise, e.g. in a log), and ends with how many values were corrected.
 */
export async function reconcileTopic(options: PlatformOptions, topic: string): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(options), { logger: false });
  const bars = process.stdout.isTTY ? new MultiBar({ format: '{name} [{bar}] {value}/{total} {status}', hideCursor: true }, Presets.shades_classic) : undefined;
  try {
    const results = await app.get(Reconciliation).run(topic, bars ? barListener(bars) : lineListener());
    bars?.stop();
    const total = results.reduce((n, r) => n + r.corrected, 0);
    process.stdout.write(`Corrected ${total} ${topic} value(s).\n`);
  } finally {
    bars?.stop();
    await app.close();
  }
}

function barListener(bars: MultiBar): ReconcileListener {
  let bar: ReturnType<MultiBar['create']> | undefined;
  return {
    started: (name) => {
      bar = bars.create(1, 0, { name: name.padEnd(40), status: '' });
    },
    progressed: (_name, done, total) => {
      bar?.setTotal(total);
      bar?.update(done);
    },
    finished: (_name, corrected, ms) => {
      bar?.update(bar.getTotal(), { status: `corrected ${corrected} in ${ms} ms` });
      bar?.stop();
    },
  };
}

function lineListener(): ReconcileListener {
  let last = 0;
  return {
    started: (name, description) => process.stdout.write(`${name}: ${description}\n`),
    progressed: (name, done, total) => {
      // At most one line a second, and the last one.
      if (done < total && Date.now() - last < 1000) return;
      last = Date.now();
      process.stdout.write(`${name}: ${done}/${total}\n`);
    },
    finished: (name, corrected, ms) => process.stdout.write(`${name}: corrected ${corrected} in ${ms} ms\n`),
  };
}
