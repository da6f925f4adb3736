/**
 * Which console node sequences the shared channels. Exactly one leader numbers every delta,
 * so clients on every node see the same sequence; the others follow its deltas. Without
 * Redis the single node leads. With Redis: a lease (SET NX PX), renewed well before it lapses;
 * if the leader dies another node takes over within the lease time.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../contracts/logger';

export interface Leadership {
  isLeader(): boolean;
  stop(): Promise<void>;
}

export function soleLeader(): Leadership {
  return { isLeader: () => true, stop: async () => undefined };
}

// Renew only if the lease is still ours; release only if it is still ours.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export function redisLeadership(o: { redis: Redis; key: string; nodeId: string; leaseMs: number; log: Logger; onChange: (leader: boolean) => void }): Leadership {
  let leader = false;
  let stopped = false;
  const set = (next: boolean) => {
    if (next === leader) return;
    leader = next;
    o.log.info({ nodeId: o.nodeId }, next ? 'this console node now leads the live channels' : 'this console node follows the live channels');
    o.onChange(next);
  };
  const attempt = async () => {
    if (stopped) return;
    try {
      if (leader) set((await o.redis.eval(RENEW, 1, o.key, o.nodeId, String(o.leaseMs))) === 1);
      else set((await o.redis.set(o.key, o.nodeId, 'PX', o.leaseMs, 'NX')) === 'OK');
    } catch (err) {
      // Without Redis we cannot know whether another node leads: stand down rather than double-number.
      o.log.warn({ err: (err as Error).message }, 'leadership check failed');
      set(false);
    }
  };
  void attempt();
  const timer = setInterval(() => void attempt(), Math.max(200, Math.floor(o.leaseMs / 3)));
  timer.unref();
  return {
    isLeader: () => leader,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (leader) await o.redis.eval(RELEASE, 1, o.key, o.nodeId).catch(() => undefined);
      leader = false;
    },
  };
}
