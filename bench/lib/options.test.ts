import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('bench options', () => {
  it('measures the mix in 3 rounds by default, 1 with --quick, and as many as asked', () => {
    expect(parseOptions([]).rounds).toBe(3);
    expect(parseOptions(['--quick']).rounds).toBe(1);
    expect(parseOptions(['--quick', '--rounds', '4']).rounds).toBe(4);
  });

  it('refuses a --rounds that is not a whole number of 1 or more, naming it', () => {
    for (const bad of ['0', '-2', '1.5', 'many'])
      expect(() => parseOptions(['--rounds', bad])).toThrow(
        `--rounds needs a whole number, 1 or more (got "${bad}")`,
      );
    expect(() => parseOptions(['--rounds'])).toThrow('--rounds needs a value');
  });

  it('warms until steady by default, for a fixed time when asked, and refuses anything else', () => {
    expect(parseOptions([]).warmup).toBe('steady');
    expect(parseOptions(['--warmup', '30']).warmup).toBe(30);
    expect(parseOptions(['--quick', '--seconds', '5']).warmup).toBe(5);
    expect(() => parseOptions(['--warmup', 'soon'])).toThrow(
      '--warmup needs "steady" or a number of seconds',
    );
  });
});
