import type { PurchaserLevel } from '../rules.ts';

/**
 * Where a unit may sit in the hierarchy (seed 000: 旗直单位, 乡镇, 村级): a village belongs to a township;
 * a township stands alone under the county; a county-level unit stands alone or under its county-level
 * department (e.g. a school under the education bureau). Returns the Chinese reason it may not, or null.
 */
export function hierarchyProblem(level: PurchaserLevel, parentLevel: PurchaserLevel | null): string | null {
  switch (level) {
    case 'village':
      return parentLevel === 'township' ? null : '村级单位须隶属于一个乡镇';
    case 'township':
      return parentLevel === null ? null : '乡镇不能隶属于其他单位';
    case 'county':
      return parentLevel === null || parentLevel === 'county' ? null : '县直单位只能隶属于县直主管部门';
  }
}
