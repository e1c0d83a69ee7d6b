/** On-board storage over one step, by hand. */
import { describe, expect, it } from 'vitest';
import { downlinkedGB, storageRoomGB, storedAfterGB } from '../../../src/engine/node/storage';

describe('storage', () => {
  it('room is free space plus what the link carries away', () => {
    expect(storageRoomGB(30, 100, 5)).toBe(75);
    expect(storageRoomGB(100, 100, 0)).toBe(0);
  });
  it('sends what it holds up to the link capacity, keeps the rest', () => {
    // held 30 + 10 = 40 GB, link 25 GB → 25 sent, 15 kept
    const held = 30 + 10;
    expect(downlinkedGB(held, 25)).toBe(25);
    expect(storedAfterGB(held, 25, 100)).toBe(15);
    // link larger than what is held: everything goes
    expect(downlinkedGB(held, 60)).toBe(40);
    expect(storedAfterGB(held, 40, 100)).toBe(0);
  });
  it('caps at capacity', () => {
    expect(storedAfterGB(120, 0, 100)).toBe(100);
  });
});
