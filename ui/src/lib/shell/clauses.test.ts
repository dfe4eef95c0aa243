import { describe, expect, it } from 'vitest';

import { clausePieces } from './clauses';

describe('cited clauses in a sentence', () => {
  it('finds each cited clause, in order, with the characters glued to it', () => {
    expect(clausePieces('Клуб жарияланған күні жұмысын тоқтатады (4.4-тармақ).')).toEqual([
      { text: 'Клуб жарияланған күні жұмысын тоқтатады ' },
      { clause: '4.4', before: '(', after: '-тармақ).' },
    ]);
    expect(clausePieces('retrain staff (2.5.4, 6.3)')).toEqual([
      { text: 'retrain staff ' },
      { clause: '2.5.4', before: '(', after: ',' },
      { text: ' ' },
      { clause: '6.3', before: '', after: ')' },
    ]);
  });

  it('leaves dates, amounts, versions and clauses the app does not cite as text', () => {
    for (const s of ['from 19.12.2026', '1,234.56 ₸', '6.50 ₸', 'clause 9.9', 'v2.5.4.1', '12.5.4']) {
      expect(clausePieces(s)).toEqual([{ text: s }]);
    }
  });

  it('loses no character of the sentence', () => {
    for (const s of ['(4.4-тармақ).', 'a 6.3,6.4 b', '4.4', 'Excluded (6.4) and (5.1)']) {
      const back = clausePieces(s)
        .map((p) => ('clause' in p ? p.before + p.clause + p.after : p.text))
        .join('');
      expect(back).toBe(s);
    }
  });
});
