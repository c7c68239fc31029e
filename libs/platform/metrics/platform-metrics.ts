import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus metrics (one registry per application instance, so tests can boot several). */
export class PlatformMetrics {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly jobs = new Counter({
    name: 'jobs_processed_total',
    help: 'Jobs run, by job name and outcome (completed, failed = will retry, dead_lettered)',
    labelNames: ['job', 'outcome'],
    registers: [this.registry],
  });
  private readonly jobDuration = new Histogram({
    name: 'job_duration_seconds',
    help: 'Job run time',
    labelNames: ['job'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  private readonly corrected = new Gauge({
    name: 'reconciliation_corrected_values',
    help: 'Values the last reconciliation found wrong and corrected, by topic and reconciler (0 on a healthy system)',
    labelNames: ['topic', 'reconciler'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  httpRequestFinished(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  jobFinished(job: string, outcome: 'completed' | 'failed' | 'dead_lettered', startedNs: bigint): void {
    this.jobs.inc({ job, outcome });
    this.jobDuration.observe({ job }, Number(process.hrtime.bigint() - startedNs) / 1e9);
  }

  reconciled(topic: string, reconciler: string, corrected: number): void {
    this.corrected.set({ topic, reconciler }, corrected);
  }

  /** A gauge read when scraped (outbox backlog, queued jobs). */
  gauge(name: string, help: string, read: () => Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read().catch(() => -1));
      },
    });
  }
}
