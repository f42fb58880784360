export interface HighlightPiece {
  text: string;
  mark: boolean;
}

/**
 * A search highlight fragment as text pieces, the hits marked. Elasticsearch HTML-escapes the
 * message (encoder `html`), so the only tags in a fragment are its own `<mark>` pair: split on
 * those first, then decode each piece, so escaped markup typed by a user stays text.
 */
export function highlightPieces(fragment: string): HighlightPiece[] {
  const pieces: HighlightPiece[] = [];
  let mark = false;
  for (const part of fragment.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(part)) mark = true;
    else if (/^<\/mark>$/i.test(part)) mark = false;
    else if (part) {
      const text = decodeEntities(part);
      const last = pieces[pieces.length - 1];
      if (last?.mark === mark) last.text += text;
      else pieces.push({ text, mark });
    }
  }
  return pieces;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    // Out-of-range references would throw in fromCodePoint; show them as they came.
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
