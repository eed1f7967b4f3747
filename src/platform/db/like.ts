/** `%term%` for ILIKE, with the user's own %, _ and backslash taken literally. */
export const likeTerm = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
