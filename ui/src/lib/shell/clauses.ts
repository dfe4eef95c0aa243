// Finds the clauses a sentence cites ("… (4.4-тармақ)", "… (2.5.4, 6.3)") so that each can open
// in place (ClauseRef); a number the app does not cite, a date or an amount stays text.

import { CITED, type CitedClause } from '../ipc/bindings/rulesText';

export type Piece = { text: string } | { clause: CitedClause };

const NUMBER = /(?<![\d.])\d\.\d{1,2}(?:\.\d{1,2})?(?![\d.]*\d)/g;

/** `text` cut into plain pieces and the cited clauses in it, in order. */
export function clausePieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(NUMBER)) {
    const number = match[0];
    if (!(CITED as readonly string[]).includes(number)) continue;
    const at = match.index ?? 0;
    if (at > last) pieces.push({ text: text.slice(last, at) });
    pieces.push({ clause: number as CitedClause });
    last = at + number.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
