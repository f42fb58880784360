/** "Ann, Bob and 3 others reacted with 👍": the names known, and how many more there are. */
export function reactorsLine(names: string[], count: number, emoji: string): string {
  const shown = names.slice(0, 10);
  const others = Math.max(0, count - shown.length);
  const list = others ? [...shown, `${others} ${others === 1 ? 'other' : 'others'}`] : shown;
  const joined = list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  return `${joined} reacted with ${emoji}`;
}
