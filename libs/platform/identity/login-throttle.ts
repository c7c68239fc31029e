import IORedis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

export interface ThrottleLimits {
  perAccount: number;
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { perAccount: 5, perIp: 30, windowSeconds: 900 };

/**
 * Failed logins, counted per account and per IP address in a sliding window. Shared through Redis when the deployment
 * has it (every API replica sees the same counts); in memory otherwise (the embedded mode is one process).
 */
export class LoginThrottle {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perIp: RateLimiterAbstract;
  private readonly redis?: IORedis;

  constructor(redisUrl: string | undefined, prefix: string, limits: ThrottleLimits = DEFAULT_LIMITS) {
    const make = (keyPrefix: string, points: number) => {
      const options = { keyPrefix: `${prefix}:${keyPrefix}`, points, duration: limits.windowSeconds };
      return this.redis ? new RateLimiterRedis({ ...options, storeClient: this.redis }) : new RateLimiterMemory(options);
    };
    if (redisUrl) {
      this.redis = new IORedis(redisUrl, { enableOfflineQueue: false, lazyConnect: false, maxRetriesPerRequest: 1 });
      this.redis.on('error', () => undefined);
    }
    this.perAccount = make('login-account', limits.perAccount);
    this.perIp = make('login-ip', limits.perIp);
  }

  /** Seconds until another attempt is allowed, or 0 if it is allowed now. */
  async retryAfter(account: string, ip: string): Promise<number> {
    const [byAccount, byIp] = await Promise.all([this.blockedFor(this.perAccount, account.toLowerCase()), this.blockedFor(this.perIp, ip)]);
    return Math.max(byAccount, byIp);
  }

  async failed(account: string, ip: string): Promise<void> {
    await Promise.all([this.perAccount.penalty(account.toLowerCase(), 1), this.perIp.penalty(ip, 1)]).catch(() => undefined);
  }

  async succeeded(account: string): Promise<void> {
    await this.perAccount.delete(account.toLowerCase()).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.redis?.disconnect();
  }

  private async blockedFor(limiter: RateLimiterAbstract, key: string): Promise<number> {
    try {
      const state = await limiter.get(key);
      return state && state.consumedPoints >= limiter.points ? Math.ceil(state.msBeforeNext / 1000) : 0;
    } catch {
      // The shared store is unreachable: do not lock everyone out.
      return 0;
    }
  }
}
