import { NestFactory } from '@nestjs/core';
import { AppModule, PlatformOptions, ReconcileListener, Reconciliation } from '../../libs/platform/runtime';
import { progressReporter } from './progress-bar';

/**
 * `<topic>:reconcile`: runs the enabled modules' reconcilers of the topic in this process, one after the other, each
 * with its progress (a bar on a terminal, plain lines otherwise), and ends with how many values were corrected.
 */
export async function reconcileTopic(options: PlatformOptions, topic: string): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(options), { logger: false });
  try {
    const results = await app.get(Reconciliation).run(topic, progressListener());
    const total = results.reduce((n, r) => n + r.corrected, 0);
    process.stdout.write(`Corrected ${total} ${topic} value(s).\n`);
  } finally {
    await app.close();
  }
}

function progressListener(): ReconcileListener {
  let progress: ReturnType<typeof progressReporter> | undefined;
  return {
    started: (name, description) => {
      process.stdout.write(`${name}: ${description}\n`);
      progress = progressReporter();
    },
    progressed: (_name, done, total) => progress?.update(done, total),
    finished: (name, corrected, ms) => {
      progress?.stop();
      process.stdout.write(`${name}: corrected ${corrected} in ${ms} ms\n`);
    },
  };
}
