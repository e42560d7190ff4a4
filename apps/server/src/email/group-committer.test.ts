import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGroupCommitter } from './start-smtp-listener.js';

type Item = { clientId: string; id: string };

/** Which messages share a transaction, with the transaction's end in the test's hand (fake timers, no timing). */
function recorder() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const commit = (batch: Item[]) =>
    new Promise<PromiseSettledResult<string>[]>((resolve) => {
      batches.push(batch.map((item) => item.id));
      pending.push(() => resolve(batch.map((item) => ({ status: 'fulfilled', value: item.id }))));
    });
  const finishNext = async () => {
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { batches, commit, finishNext };
}

const item = (id: string, clientId = 'a') => ({ id, clientId });

describe('group commit', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a message that finds the committer idle waits the window for company', async () => {
    const r = recorder();
    const committer = createGroupCommitter(r.commit, { windowMs: 5, max: 50, parallel: 1 });
    const first = committer.submit(item('1'));
    await vi.advanceTimersByTimeAsync(3);
    const second = committer.submit(item('2'));
    expect(r.batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(r.batches).toEqual([['1', '2']]);
    await r.finishNext();
    expect(await Promise.all([first, second])).toEqual(['1', '2']);
  });

  it('those that arrived during a busy transaction go into the next one as soon as it ends', async () => {
    const r = recorder();
    const committer = createGroupCommitter(r.commit, { windowMs: 5, max: 50, parallel: 1 });
    const done = [committer.submit(item('1'))];
    await vi.advanceTimersByTimeAsync(5);
    // While the first transaction runs, two arrive; they wait for it, then go together without a window.
    done.push(committer.submit(item('2')), committer.submit(item('3')));
    expect(r.batches).toEqual([['1']]);
    await r.finishNext();
    expect(r.batches).toEqual([['1'], ['2', '3']]);
    await r.finishNext();
    expect(await Promise.all(done)).toEqual(['1', '2', '3']);
  });

  it('no transaction exceeds the maximum, and each is sorted by client', async () => {
    const r = recorder();
    const committer = createGroupCommitter(r.commit, { windowMs: 5, max: 3, parallel: 1 });
    const done = [committer.submit(item('1'))];
    await vi.advanceTimersByTimeAsync(5);
    done.push(
      committer.submit(item('2', 'c')),
      committer.submit(item('3', 'b')),
      committer.submit(item('4', 'a')),
      committer.submit(item('5', 'a')),
    );
    await r.finishNext();
    // Four were waiting: three in client order, the fourth in the transaction after.
    expect(r.batches).toEqual([['1'], ['4', '3', '2']]);
    await r.finishNext();
    expect(r.batches).toEqual([['1'], ['4', '3', '2'], ['5']]);
    await r.finishNext();
    expect(await Promise.all(done)).toEqual(['1', '2', '3', '4', '5']);
  });
});
