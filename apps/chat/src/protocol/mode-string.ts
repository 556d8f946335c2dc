/** One `+x` or `-x` from a MODE command, with the argument it took, if any. */
export interface ModeChange {
  readonly adding: boolean;
  readonly letter: string;
  readonly param?: string;
}

/**
 * Which letters take an argument, per CHANMODES=b,k,l,imnst and PREFIX=(ov):
 * type A (b) and the prefixes always, B (k) always (a missing `-k` argument is
 * forgiven), C (l) only when set.
 */
function takesParam(letter: string, adding: boolean): 'always' | 'optional' | 'never' {
  switch (letter) {
    case 'b':
      return 'optional'; // without one, `b` asks for the list
    case 'o':
    case 'v':
      return 'always';
    case 'k':
      return adding ? 'always' : 'optional';
    case 'l':
      return adding ? 'always' : 'never';
    default:
      return 'never';
  }
}

/**
 * Splits `+ov-k nick1 nick2 key` into changes, taking arguments left to right.
 * A change that needs an argument and has none is dropped, as the docs say to ignore it.
 */
export function parseChannelModes(modestring: string, args: readonly string[]): ModeChange[] {
  const changes: ModeChange[] = [];
  let adding = true;
  let next = 0;
  for (const letter of modestring) {
    if (letter === '+' || letter === '-') {
      adding = letter === '+';
      continue;
    }
    const kind = takesParam(letter, adding);
    if (kind === 'never') {
      changes.push({ adding, letter });
    } else if (next < args.length) {
      changes.push({ adding, letter, param: args[next++] });
    } else if (kind === 'optional') {
      changes.push({ adding, letter });
    }
  }
  return changes;
}

/** `+o-v+l` and its arguments, grouping runs of one sign, as a MODE line shows applied changes. */
export function formatModeChanges(changes: readonly ModeChange[]): string[] {
  let modes = '';
  let sign = '';
  const params: string[] = [];
  for (const change of changes) {
    const wanted = change.adding ? '+' : '-';
    if (wanted !== sign) {
      modes += wanted;
      sign = wanted;
    }
    modes += change.letter;
    if (change.param !== undefined) params.push(change.param);
  }
  return [modes, ...params];
}
