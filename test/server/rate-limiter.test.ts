import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../server/http/rate-limiter';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('allows a burst of `capacity`, then refuses with the wait until the next token', () => {
    const time = clock();
    const limiter = new RateLimiter({ capacity: 3, windowMs: 60_000, now: time.now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    // One token every 20 s.
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 20 });
    time.advance(15_000);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 5 });
    time.advance(5_000);
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toMatchObject({ ok: false });
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter({ capacity: 1, windowMs: 1000, now: clock().now });
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toMatchObject({ ok: false });
    expect(limiter.take('b')).toEqual({ ok: true });
  });

  it('refills smoothly and never above capacity', () => {
    const time = clock();
    const limiter = new RateLimiter({ capacity: 2, windowMs: 1000, now: time.now });
    limiter.take('a');
    limiter.take('a');
    time.advance(10_000);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, retryAfterSeconds: 1 },
    ]);
  });

  it('never answers a Retry-After under one second', () => {
    const time = clock();
    const limiter = new RateLimiter({ capacity: 100, windowMs: 1000, now: time.now });
    for (let i = 0; i < 100; i += 1) limiter.take('a');
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('check() says what take() would answer without spending', () => {
    const time = clock();
    const limiter = new RateLimiter({ capacity: 2, windowMs: 60_000, now: time.now });
    expect(limiter.check('a')).toEqual({ ok: true });
    limiter.take('a');
    limiter.take('a');
    expect(limiter.check('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(limiter.check('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
    limiter.reset('a');
    expect(limiter.check('a')).toEqual({ ok: true });
    expect(limiter.size).toBe(0);
  });

  it('does not mint tokens when the clock steps backwards', () => {
    const time = clock(1_000_000);
    const limiter = new RateLimiter({ capacity: 1, windowMs: 60_000, now: time.now });
    limiter.take('a');
    time.advance(-30_000);
    expect(limiter.take('a')).toMatchObject({ ok: false });
  });

  it('forgets idle keys once their bucket would be full again', () => {
    const time = clock();
    const limiter = new RateLimiter({ capacity: 5, windowMs: 1000, now: time.now });
    for (let i = 0; i < 100; i += 1) limiter.take(`ip-${i}`);
    expect(limiter.size).toBe(100);
    time.advance(1000);
    limiter.take('fresh');
    expect(limiter.size).toBe(1);
  });

  it('holds at most maxKeys, dropping the least recently used', () => {
    const limiter = new RateLimiter({ capacity: 1, windowMs: 60_000, maxKeys: 3, now: clock().now });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    limiter.take('a'); // refused, but now the most recently used
    limiter.take('d');
    expect(limiter.size).toBe(3);
    expect(limiter.check('a')).toMatchObject({ ok: false });
    expect(limiter.check('b')).toEqual({ ok: true }); // forgotten
    for (let i = 0; i < 10_000; i += 1) limiter.take(`flood-${i}`);
    expect(limiter.size).toBe(3);
  });

  it('rejects nonsense options', () => {
    expect(() => new RateLimiter({ capacity: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => new RateLimiter({ capacity: 1, windowMs: 0 })).toThrow(RangeError);
    expect(() => new RateLimiter({ capacity: Number.NaN, windowMs: 1000 })).toThrow(RangeError);
  });
});
