import { describe, expect, it } from 'vitest';
import { xmlText } from './feed.ts';

describe('xmlText', () => {
  it.each([
    ['markup characters', `<a href="x">'&'</a>`, '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;'],
    ['Chinese and line breaks kept', '采购公告\n第一包\t', '采购公告\n第一包\t'],
    ['controls XML forbids dropped', 'a\u0000b\u0008c\u001fd\uffffe', 'abcde'],
    ['a lone surrogate dropped, a pair kept', 'x\ud800y𠀀', 'xy𠀀'],
  ])('%s', (_name, text, escaped) => {
    expect(xmlText(text)).toBe(escaped);
  });
});
