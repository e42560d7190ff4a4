import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without types; it builds and measures the widget
import { budgetBytes, buildWidget } from '../build.mjs';

describe('widget.js size budget', () => {
  it('builds to one script of at most 20 KB gzipped', async () => {
    const { bytes, gzipped } = (await buildWidget()) as { bytes: number; gzipped: number };
    console.log(`widget.js: ${bytes} bytes, ${gzipped} bytes gzipped (budget ${budgetBytes})`);
    expect(bytes).toBeGreaterThan(1000);
    expect(gzipped).toBeLessThanOrEqual(20 * 1024);
  });
});
