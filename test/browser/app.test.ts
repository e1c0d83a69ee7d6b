import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('app shell', () => {
  it('loads without console or page errors', async () => {
    const errors: string[] = [];
    const page = await openPage(h, '', errors);
    await page.waitForSelector('#app');
    expect(await page.textContent('#app')).toContain('Orbital Compute');
    await page.close();
    expect(errors).toEqual([]);
  });
});
