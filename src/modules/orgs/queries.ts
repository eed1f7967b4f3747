/** Helpers every registry query shares. */

/** Narrows a text column to its declared values (the database CHECK guarantees one of them). */
export const oneOf = <T extends string>(values: readonly T[], v: string, fallback: T): T =>
  values.find((x) => x === v) ?? fallback;

export { likeTerm } from '../../platform/db/like.ts';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  abilities: string[];
}
