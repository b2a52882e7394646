import { checkOptionsSchema, parseOptions } from './options';
import { satisfies } from './semver';

describe('plugin options', () => {
  const schema = { threshold: { type: 'number', required: true, min: 0, max: 100, description: 'x' }, mode: { type: 'enum', values: ['a', 'b'], default: 'a', description: 'y' } } as const;

  it('fills defaults and names every bad option', () => {
    expect(parseOptions(schema, { threshold: 5 })).toEqual({ threshold: 5, mode: 'a' });
    expect(() => parseOptions(schema, { threshold: 500, mode: 'c', extra: 1 })).toThrow(/options.extra: unknown option extra.*options.threshold: threshold must be at most 100.*options.mode: mode must be one of a, b/);
    expect(() => parseOptions(schema, {})).toThrow(/options.threshold: threshold is required/);
  });

  it('finds mistakes in a schema itself', () => {
    expect(checkOptionsSchema({ n: { type: 'integer', min: 3, max: 1, default: 1.5, description: 'n' }, s: { type: 'date', description: 's' } })).toEqual([
      'option "n" has min 3 above max 1',
      'option "n" has a default that is not valid: n must be a whole number',
      'option "s" has no known type (number, integer, string, boolean, enum)',
    ]);
  });
});

describe('compatibility ranges', () => {
  it.each([
    ['0.1.0', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['1.4.2', '^1.2.0', true],
    ['2.0.0', '^1.2.0', false],
    ['0.1.5', '>=0.1.0 <0.2.0', true],
    ['0.1.0', '~0.1.2', false],
    ['0.1.0', '^9.0.0 || ^0.1.0', true],
    ['0.1.0', '*', true],
    ['0.1.0', 'latest', null],
  ] as const)('%s in %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });
});
