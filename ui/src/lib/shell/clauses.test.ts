import { describe, expect, it } from 'vitest';

import { clausePieces } from './clauses';

describe('cited clauses in a sentence', () => {
  it('finds each cited clause, in order, and keeps the words around them', () => {
    expect(clausePieces('Клуб жарияланған күні жұмысын тоқтатады (4.4-тармақ).')).toEqual([
      { text: 'Клуб жарияланған күні жұмысын тоқтатады (' },
      { clause: '4.4' },
      { text: '-тармақ).' },
    ]);
    expect(clausePieces('retrain staff (2.5.4, 6.3)')).toEqual([
      { text: 'retrain staff (' },
      { clause: '2.5.4' },
      { text: ', ' },
      { clause: '6.3' },
      { text: ')' },
    ]);
  });

  it('leaves dates, amounts, versions and clauses the app does not cite as text', () => {
    for (const s of ['from 19.12.2026', '1,234.56 ₸', '6.50 ₸', 'clause 9.9', 'v2.5.4.1', '12.5.4']) {
      expect(clausePieces(s)).toEqual([{ text: s }]);
    }
  });
});
