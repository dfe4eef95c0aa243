// Finds the clauses a sentence cites ("… (4.4-тармақ)", "… (2.5.4, 6.3)") so that each can open
// in place (ClauseRef); a number the app does not cite, a date or an amount stays text.

import { CITED, type CitedClause } from '../ipc/bindings/rulesText';

/** Plain text, or a cited clause with the characters glued to it on each side ("(" and
 *  "-тармақ)."), which are kept on one line with it. */
export type Piece = { text: string } | { clause: CitedClause; before: string; after: string };

const NUMBER = /(?<![\d.])\d\.\d{1,2}(?:\.\d{1,2})?(?![\d.]*\d)/g;

/** `text` cut into plain pieces and the cited clauses in it, in order. */
export function clausePieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(NUMBER)) {
    const number = match[0];
    if (!(CITED as readonly string[]).includes(number)) continue;
    const at = match.index ?? 0;
    if (at < last) continue;
    const plain = text.slice(last, at);
    const glued = /\S*$/.exec(plain)?.[0] ?? '';
    const end = at + number.length;
    const after = /^[^\s\d]*/.exec(text.slice(end))?.[0] ?? '';
    // A glued run that is itself a cited clause ("2.5.4,6.3") is left to the next match.
    const tail = /^[^\s]*?(?=\d\.\d)/.exec(after)?.[0] ?? after;
    if (plain.length > glued.length) pieces.push({ text: plain.slice(0, plain.length - glued.length) });
    pieces.push({ clause: number as CitedClause, before: glued, after: tail });
    last = end + tail.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
