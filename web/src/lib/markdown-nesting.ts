/** Block quotes and lists nested deeper than this on one line show their further markers as text. */
export const MAX_NESTING = 8;

/**
 * The parser's cost grows with the square of container nesting: 4,000 `>` took a second and
 * 16,000 overflowed the stack. Each line's markers past MAX_NESTING are escaped, in one pass.
 */
export function limitNesting(source: string, max = MAX_NESTING): string {
  if (!/[>*+\-.)]/.test(source)) return source;
  return source
    .split('\n')
    .map((line) => limitLine(line, max))
    .join('\n');
}

function limitLine(line: string, max: number): string {
  let i = 0;
  for (let depth = 0; ; depth++) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    const marker = markerAt(line, i);
    if (marker === null) return line;
    if (depth === max) return `${line.slice(0, marker.escapeAt)}\\${line.slice(marker.escapeAt)}`;
    i = marker.end;
  }
}

/** A container marker at i: `>`, a bullet, or an ordered item's number and delimiter. */
function markerAt(line: string, i: number): { end: number; escapeAt: number } | null {
  const c = line[i];
  if (c === '>') return { end: i + 1, escapeAt: i };
  const spaced = (at: number) => at >= line.length || line[at] === ' ' || line[at] === '\t';
  if ((c === '-' || c === '*' || c === '+') && spaced(i + 1)) return { end: i + 1, escapeAt: i };
  let j = i;
  while (j - i < 9 && line[j]! >= '0' && line[j]! <= '9') j++;
  if (j > i && (line[j] === '.' || line[j] === ')') && spaced(j + 1)) return { end: j + 1, escapeAt: j };
  return null;
}
