import { describe, expect, it } from 'vitest';
import { hierarchyProblem } from './rules.ts';

describe('hierarchyProblem', () => {
  it.each([
    ['village', 'township', null],
    ['village', null, '村级单位须隶属于一个乡镇'],
    ['village', 'county', '村级单位须隶属于一个乡镇'],
    ['village', 'village', '村级单位须隶属于一个乡镇'],
    ['township', null, null],
    ['township', 'county', '乡镇不能隶属于其他单位'],
    ['county', null, null],
    ['county', 'county', null],
    ['county', 'township', '县直单位只能隶属于县直主管部门'],
  ] as const)('%s under %s → %s', (level, parent, expected) => {
    expect(hierarchyProblem(level, parent)).toBe(expected);
  });
});
