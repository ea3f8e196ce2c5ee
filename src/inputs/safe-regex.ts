/**
 * User regexes (`stack-pattern`, `keep`) run in V8's backtracking engine against names Docker
 * reports; a pattern like `(a+)+$` takes exponential time on a 42-character name and would hang
 * the tool. JavaScript cannot interrupt a running match, so patterns that can backtrack
 * catastrophically are refused at input time (exit 2), with the reason:
 * - a quantifier applied to a group that holds a quantifier or an alternation (`(a+)+`,
 *   `(a|aa)*`, `(.*,){10}`): the classic exponential shapes;
 * - backreferences (`\1`, `\k<n>`): matching them is NP-hard in general;
 * - a product of quantifier ranges above a budget (`a?a?a?…`, `.*a.*b.*c.*`): polynomial
 *   blow-ups, each unbounded quantifier counted as wide as the longest name we match (256);
 * - more than 512 characters.
 * What remains matches any Docker name in well under a second.
 */

export const MAX_PATTERN_LENGTH = 512;
/** Longest subject a pattern is matched against: image references and service names. */
const SUBJECT = 256;
/** Upper bound on backtracking paths (product of quantifier ranges). */
const BUDGET = 20_000_000;

interface Group { quantified: boolean; hasAlternation: boolean; start: number }

/** Why `source` is refused, or undefined when it is safe to run. */
export function unsafeRegexReason(source: string): string | undefined {
  if (source.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  const stack: Group[] = [{ quantified: false, hasAlternation: false, start: 0 }];
  let paths = 1;
  // `last` describes the atom a following quantifier would apply to.
  let last: { group?: Group } | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[i + 1] ?? '';
      if (/[1-9]/.test(n) || (n === 'k' && source[i + 2] === '<')) return 'it uses a backreference';
      i++;
      last = {};
      continue;
    }
    if (c === '[') {
      // a character class is one atom; skip to its closing bracket (escapes inside count)
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      last = {};
      continue;
    }
    if (c === '(') {
      stack.push({ quantified: false, hasAlternation: false, start: i });
      if (source[i + 1] === '?') i += source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!' ? source.indexOf('>', i) - i : 2;
      last = undefined;
      continue;
    }
    if (c === ')') {
      const g = stack.length > 1 ? stack.pop()! : undefined;
      if (g) {
        // what a group holds counts for the groups around it too
        const outer = stack[stack.length - 1]!;
        outer.quantified ||= g.quantified;
        outer.hasAlternation ||= g.hasAlternation;
      }
      last = g ? { group: g } : {};
      continue;
    }
    if (c === '|') { stack[stack.length - 1]!.hasAlternation = true; last = undefined; continue; }
    const q = quantifierAt(source, i);
    if (q) {
      if (last?.group && (last.group.quantified || last.group.hasAlternation)) {
        const inner = last.group.quantified ? 'a quantifier' : 'an alternation';
        return `a repeated group holds ${inner} (at ${JSON.stringify(source.slice(last.group.start, i + q.length))}): it can backtrack exponentially; use a character class or drop the nesting`;
      }
      if (q.range > 0) {
        stack[stack.length - 1]!.quantified = true;
        paths *= q.range + 1;
        if (paths > BUDGET) return 'too many repeated parts one after another (like .*a.*b.*c.* or a?a?a?…): matching could take minutes; simplify it';
      }
      i += q.length - 1;
      if (source[i + 1] === '?' || source[i + 1] === '+') i++; // lazy/possessive marker
      last = undefined;
      continue;
    }
    last = {};
  }
  return undefined;
}

/** The quantifier starting at `i`: its text length and how many more repeats it allows. */
function quantifierAt(s: string, i: number): { length: number; range: number } | undefined {
  const c = s[i];
  if (c === '*' || c === '+') return { length: 1, range: SUBJECT };
  if (c === '?') return { length: 1, range: 1 };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(i, i + 24));
  if (!m) return undefined; // a literal brace
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return { length: m[0].length, range: Math.min(max, SUBJECT) - Math.min(min, SUBJECT) };
}

/** Compiles a user pattern after the safety check; throws with the reason. */
export function compileSafeRegex(source: string): RegExp {
  const why = unsafeRegexReason(source);
  if (why) throw new Error(why);
  return new RegExp(source);
}
