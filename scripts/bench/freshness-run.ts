import type { DataSource } from 'typeorm';

export interface Payment {
  id: string;
  account: string;
  subtotal: string;
}

export interface FreshnessResult {
  rate: number;
  sent: number;
  refused: number;
  /** The refusals by answer (HTTP status, or `connection` when no answer came). */
  refusals: Map<string, number>;
  sendSeconds: number;
  /** Milliseconds from each accepted payment to its account's commerce total showing it, sorted. */
  latencies: number[];
  /** Payments whose account never showed them within 30 s of the last one. */
  unresolved: number;
  /** Outbox rows not relayed / jobs handed to the queue and not done, once a second. */
  backlog: Array<[number, number]>;
  at(quantile: number): number;
}

/**
 * Pays `payments` through the API (`PATCH /orders/{id}` paymentStatus full) at `rate` per second and polls (every
 * 20 ms) each account's commerce total until it includes each payment.
 */
export async function measureFreshness(seed: DataSource, port: number, token: string, channel: string, payments: Payment[], rate: number): Promise<FreshnessResult> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.api+json', accept: 'application/vnd.api+json' };
  const expected = new Map<string, number>(
    (await seed.query(`SELECT account_id::text AS account, amount::text AS amount FROM crm.account_lifetime_value WHERE channel_id = $1 AND account_id = ANY($2::bigint[])`, [
      channel,
      [...new Set(payments.map((p) => p.account))],
    ])).map((r: { account: string; amount: string }) => [r.account, Number(r.amount)]),
  );
  const waiting = new Map<string, Array<{ target: number; sentAt: number }>>();
  const latencies: number[] = [];
  let refused = 0;
  const refusals = new Map<string, number>();
  const pay = async (payment: Payment) => {
    const answer = await payOrder(port, headers, payment);
    if (answer !== '200') {
      refusals.set(answer, (refusals.get(answer) ?? 0) + 1);
      return void refused++;
    }
    const target = (expected.get(payment.account) ?? 0) + Number(payment.subtotal);
    expected.set(payment.account, target);
    waiting.set(payment.account, [...(waiting.get(payment.account) ?? []), { target, sentAt: Date.now() }]);
  };
  let sending = true;
  let deadline = Number.POSITIVE_INFINITY;
  const poll = (async () => {
    while ((sending || waiting.size > 0) && Date.now() < deadline) {
      const accounts = [...waiting.keys()];
      if (accounts.length > 0) {
        const rows: Array<{ account: string; amount: string }> = await seed.query(
          `SELECT account_id::text AS account, amount::text AS amount FROM crm.account_lifetime_value WHERE channel_id = $1 AND account_id = ANY($2::bigint[])`,
          [channel, accounts],
        );
        const now = Date.now();
        for (const row of rows) {
          const left = (waiting.get(row.account) ?? []).filter((w) => {
            if (Number(row.amount) + 1e-6 < w.target) return true;
            latencies.push(now - w.sentAt);
            return false;
          });
          if (left.length > 0) waiting.set(row.account, left);
          else waiting.delete(row.account);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const backlog: Array<[number, number]> = [];
  const sample = async () => {
    try {
      const [{ outbox, unconfirmed }] = await seed.query(
        `SELECT (SELECT count(*)::int FROM platform.outbox WHERE dispatched_at IS NULL) AS outbox, (SELECT count(*)::int FROM platform.delivery) AS unconfirmed`,
      );
      backlog.push([outbox, unconfirmed]);
    } catch {
      // A sample lost to an overloaded machine is only a gap in the series.
    }
  };

  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  for (const [i, payment] of payments.entries()) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    const request = pay(payment).finally(() => inFlight.delete(request));
    inFlight.add(request);
    if (i % rate === 0) void sample();
  }
  await Promise.all(inFlight);
  const sendSeconds = (Date.now() - started) / 1000;
  await sample();
  sending = false;
  deadline = Date.now() + 30_000;
  await poll;
  latencies.sort((a, b) => a - b);
  return {
    rate,
    sent: payments.length,
    refused,
    refusals,
    sendSeconds,
    latencies,
    unresolved: [...waiting.values()].reduce((n, w) => n + w.length, 0),
    backlog,
    at: (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN,
  };
}

/** The highest rate the API accepts payments at with `concurrency` clients back to back (S10's baseline). */
export async function paymentCapacity(port: number, token: string, payments: Payment[], seconds: number, concurrency = 16): Promise<{ rate: number; used: number }> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.api+json', accept: 'application/vnd.api+json' };
  let next = 0;
  let accepted = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline && next < payments.length) {
        if ((await payOrder(port, headers, payments[next++])) === '200') accepted++;
      }
    }),
  );
  return { rate: accepted / ((Date.now() - started) / 1000), used: next };
}

/** One payment through the API: the answer's status, or `connection` when none came. */
async function payOrder(port: number, headers: Record<string, string>, payment: Payment): Promise<string> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/admin/api/orders/${payment.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ data: { type: 'orders', id: payment.id, attributes: { paymentStatus: 'full' } } }),
    });
    await response.arrayBuffer();
    return String(response.status);
  } catch {
    return 'connection';
  }
}
