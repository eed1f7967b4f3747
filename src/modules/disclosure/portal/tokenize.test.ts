import { describe, expect, it } from 'vitest';
import { documentVector, queryOf, quoteLexeme, runsOf } from './tokenize.ts';

describe('runsOf', () => {
  const cases: [string, string, { kind: string; text: string }[]][] = [
    ['Chinese text is one run', '办公设备', [{ kind: 'cjk', text: '办公设备' }]],
    [
      'punctuation and spaces separate runs',
      '云岭县，第一中学 食堂',
      [
        { kind: 'cjk', text: '云岭县' },
        { kind: 'cjk', text: '第一中学' },
        { kind: 'cjk', text: '食堂' },
      ],
    ],
    [
      'ASCII and CJK split where they meet',
      'A4打印纸',
      [
        { kind: 'ascii', text: 'a4' },
        { kind: 'cjk', text: '打印纸' },
      ],
    ],
    [
      'full-width letters and digits become ASCII, lower case',
      'ＺＣ２０２６－０００１',
      [
        { kind: 'ascii', text: 'zc2026' },
        { kind: 'ascii', text: '0001' },
      ],
    ],
    ['operators are separators', "a & b | !c ' ;", ['a', 'b', 'c'].map((text) => ({ kind: 'ascii', text }))],
    ['nothing but punctuation', '——（）《》、', []],
    ['a very long word is cut to 64', 'x'.repeat(100), [{ kind: 'ascii', text: 'x'.repeat(64) }]],
    ['a character outside the BMP stays whole', '𠀀𠀁', [{ kind: 'cjk', text: '𠀀𠀁' }]],
  ];
  it.each(cases)('%s', (_name, text, runs) => {
    expect(runsOf(text)).toEqual(runs);
  });
});

describe('documentVector', () => {
  const cases: [string, string[], string][] = [
    [
      'bigrams at consecutive positions, last character alone',
      ['采购中心'],
      "'中心':3 '心':4 '购中':2 '采购':1",
    ],
    ['a single character is its own lexeme', ['县'], "'县':1"],
    [
      'a code whole and by its parts',
      ['ZC2026-0001'],
      "'0001':3 '2026':1 'zc':1 'zc2026':1", // parts share the word's position
    ],
    [
      'a repeated lexeme keeps every position',
      ['采购', '采购'],
      "'购':2,13 '采购':1,12", // the second field starts after the run's gap and a field gap of 8
    ],
    ['an empty document', ['', '  '], ''],
  ];
  it.each(cases)('%s', (_name, fields, vector) => {
    expect(documentVector(fields)).toBe(vector);
  });

  it('caps positions at 16383 and 256 positions per lexeme', () => {
    const vector = documentVector(Array.from({ length: 3000 }, () => '采购'));
    const positions = /'采购':([\d,]+)/.exec(vector)?.[1]?.split(',').map(Number) ?? [];
    expect(positions).toHaveLength(256);
    expect(Math.max(...positions)).toBeLessThanOrEqual(16383);
  });
});

describe('queryOf', () => {
  const cases: [string, string, string | null][] = [
    ['two characters: their bigram', '采购', "'采购'"],
    ['a longer run: its bigrams as a phrase', '办公设备', "('办公' <-> '公设' <-> '设备')"],
    ['one character: a prefix', '县', "'县':*"],
    ['ASCII: a prefix', 'ZC2026', "'zc2026':*"],
    ['runs are ANDed', '云岭县 电脑', "('云岭' <-> '岭县') & '电脑'"],
    ['mixed', 'A4纸', "'a4':* & '纸':*"],
    ['operators are not operators', "a & b | !c ' ;", "'a':* & 'b':* & 'c':*"],
    ['SQL is just letters', "'; drop table notices; --", "'drop':* & 'table':* & 'notices':*"],
    ['repeated runs once', '采购 采购', "'采购'"],
    ['nothing to search for', ' &|!():*\'" ', null],
    ['empty', '', null],
  ];
  it.each(cases)('%s', (_name, text, query) => {
    expect(queryOf(text)).toBe(query);
  });

  it('uses at most 16 runs', () => {
    const q = queryOf(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')) ?? '';
    expect(q.split(' & ')).toHaveLength(16);
  });
});

describe('quoteLexeme', () => {
  it.each([
    ['plain', '采购', "'采购'"],
    ['a quote is doubled', "it's", "'it''s'"],
    ['a backslash is escaped', 'a\\b', "'a\\\\b'"],
  ])('%s', (_name, lexeme, quoted) => {
    expect(quoteLexeme(lexeme)).toBe(quoted);
  });
});
