import { describe, expect, it } from 'vitest';
import type { OcdsRelease } from './contract.ts';
import { compileReleases, mergeJson } from './merge.ts';

type Json = Parameters<typeof mergeJson>[0];

describe('the OCDS merge', () => {
  it('merges objects field by field, and a null removes a field', () => {
    expect(mergeJson({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 4, e: 5 }, f: 6 })).toEqual({
      a: 1,
      b: { c: 2, d: 4, e: 5 },
      f: 6,
    });
    expect(mergeJson({ a: 1, b: 2 }, { b: null })).toEqual({ a: 1 });
  });

  it('merges arrays of objects by id, keeping earlier items and their order', () => {
    const earlier: Json = {
      items: [
        { id: '1', x: 1, y: 1 },
        { id: '2', x: 2 },
      ],
    };
    const later: Json = {
      items: [
        { id: '2', x: 20 },
        { id: '3', x: 3 },
      ],
    };
    expect(mergeJson(earlier, later)).toEqual({
      items: [
        { id: '1', x: 1, y: 1 },
        { id: '2', x: 20 },
        { id: '3', x: 3 },
      ],
    });
    // Nested identified arrays merge too.
    expect(
      mergeJson(
        { contracts: [{ id: 'c', amendments: [{ id: 'a1', d: 'x' }] }] },
        { contracts: [{ id: 'c', amendments: [{ id: 'a2', d: 'y' }] }] },
      ),
    ).toEqual({
      contracts: [
        {
          id: 'c',
          amendments: [
            { id: 'a1', d: 'x' },
            { id: 'a2', d: 'y' },
          ],
        },
      ],
    });
  });

  it('replaces arrays of strings, of objects without ids, and the wholeListMerge ones', () => {
    expect(mergeJson({ roles: ['buyer'] }, { roles: ['payer'] })).toEqual({ roles: ['payer'] });
    expect(mergeJson({ xs: [{ a: 1 }] }, { xs: [{ b: 2 }] })).toEqual({ xs: [{ b: 2 }] });
    expect(
      mergeJson(
        { additionalIdentifiers: [{ id: '1', scheme: 'A' }] },
        { additionalIdentifiers: [{ id: '2', scheme: 'B' }] },
      ),
    ).toEqual({ additionalIdentifiers: [{ id: '2', scheme: 'B' }] });
  });

  it('compiles releases: latest values win, ids/dates/tags are the compiled release’s own', () => {
    const base = { ocid: 'ocds-zhengcai-X', initiationType: 'tender' as const };
    const releases: OcdsRelease[] = [
      {
        ...base,
        id: 'r1',
        date: '2026-03-02T01:00:00.000Z',
        tag: ['tender'],
        tender: { id: 'X', status: 'active', lots: [{ id: '1', status: 'active' }] },
      },
      {
        ...base,
        id: 'r2',
        date: '2026-03-24T01:00:00.000Z',
        tag: ['award'],
        tender: { id: 'X', status: 'complete', lots: [{ id: '1', status: 'complete' }] },
        awards: [{ id: 'award-1', status: 'active' }],
      },
    ];
    expect(compileReleases(releases)).toEqual({
      ...base,
      id: 'ocds-zhengcai-X-compiled-2026-03-24T01:00:00.000Z',
      date: '2026-03-24T01:00:00.000Z',
      tag: ['compiled'],
      tender: { id: 'X', status: 'complete', lots: [{ id: '1', status: 'complete' }] },
      awards: [{ id: 'award-1', status: 'active' }],
    });
  });
});
