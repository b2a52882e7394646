/**
 * Just enough semantic versioning for plugin compatibility ranges: `1.2.3`, `^0.1.0`,
 * `~1.2.0`, `>=0.1.0 <1.0.0`, `*`, and `a || b`. Pre-release tags are ignored.
 */
type Version = [number, number, number];

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string): Version | null {
  const m = VERSION.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

type Comparator = (v: Version) => boolean;

function comparator(part: string): Comparator | null {
  if (part === '*' || part === 'x') return () => true;
  const m = /^(\^|~|>=|<=|>|<|=)?(.+)$/.exec(part);
  const base = m && parseVersion(m[2]!);
  if (!m || !base) return null;
  switch (m[1]) {
    case '^': {
      // ^1.2.3 := >=1.2.3 <2.0.0; ^0.2.3 := >=0.2.3 <0.3.0; ^0.0.3 := exactly 0.0.3
      const upper: Version = base[0] > 0 ? [base[0] + 1, 0, 0] : base[1] > 0 ? [0, base[1] + 1, 0] : [0, 0, base[2] + 1];
      return (v) => compare(v, base) >= 0 && compare(v, upper) < 0;
    }
    case '~':
      return (v) => compare(v, base) >= 0 && compare(v, [base[0], base[1] + 1, 0]) < 0;
    case '>=':
      return (v) => compare(v, base) >= 0;
    case '<=':
      return (v) => compare(v, base) <= 0;
    case '>':
      return (v) => compare(v, base) > 0;
    case '<':
      return (v) => compare(v, base) < 0;
    default:
      return (v) => compare(v, base) === 0;
  }
}

/** Null when the range cannot be read; else whether `version` is inside it. */
export function satisfies(version: string, range: string): boolean | null {
  const v = parseVersion(version);
  if (!v) return null;
  const alternatives = range.split('||').map((alt) => alt.trim().split(/\s+/).filter(Boolean).map(comparator));
  if (!alternatives.length || alternatives.some((alt) => !alt.length || alt.some((c) => !c))) return null;
  return alternatives.some((alt) => alt.every((c) => c!(v)));
}
