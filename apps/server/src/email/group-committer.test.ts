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

  it('after a busy transaction, those that waited are joined by the rest of their wave within the window', async () => {
    const r = recorder();
    const committer = createGroupCommitter(r.commit, { windowMs: 5, max: 50, parallel: 1 });
    const done = [committer.submit(item('1'))];
    await vi.advanceTimersByTimeAsync(5);
    // While the first transaction runs, two arrive; they wait for it.
    done.push(committer.submit(item('2')), committer.submit(item('3')));
    await r.finishNext();
    expect(r.batches).toEqual([['1']]);
    // Within the window after it ended, one more comes: all three share the next transaction.
    await vi.advanceTimersByTimeAsync(4);
    done.push(committer.submit(item('4')));
    await vi.advanceTimersByTimeAsync(1);
    expect(r.batches).toEqual([['1'], ['2', '3', '4']]);
    await r.finishNext();
    expect(await Promise.all(done)).toEqual(['1', '2', '3', '4']);
  });

  it('a full queue goes at once, sorted by client, and no transaction exceeds the maximum', async () => {
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
    // Three were waiting: a full transaction, at once, in client order; the fourth waits its window.
    expect(r.batches).toEqual([['1'], ['4', '3', '2']]);
    await r.finishNext();
    expect(r.batches).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(5);
    expect(r.batches).toEqual([['1'], ['4', '3', '2'], ['5']]);
    await r.finishNext();
    expect(await Promise.all(done)).toEqual(['1', '2', '3', '4', '5']);
  });
});
