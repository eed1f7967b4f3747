/**
 * The demo's supplier profiles (shareholders, bank accounts, certificates, sanctions) and its intermediary
 * firms. A stream of its own (seed + ':registries'), so adding it changed none of the records generated
 * before it; the people it names are reserved against everyone the demo already names.
 */
import { seededRng } from '../../platform/rng.ts';
import type { ServiceCategory } from '../../modules/orgs/intermediaries/rules.ts';
import { Gen, type DemoData, type DemoSupplier } from './data.ts';

export interface DemoPerson {
  role: 'shareholder' | 'controller' | 'director' | 'manager';
  kind: 'person' | 'organisation';
  name: string;
  idNumber: string | null;
  creditCode: string | null;
  shareBasisPoints: number | null;
}
export interface DemoQualification {
  name: string;
  certificateNo: string;
  issuer: string;
  grade: string | null;
  validFrom: string;
  validUntil: string;
}
export interface DemoSanction {
  kind: 'dishonest' | 'debarred';
  reason: string;
  source: string;
  startsOn: string;
  endsOn: string | null;
}
export interface DemoSupplierProfile {
  supplierName: string;
  people: DemoPerson[];
  bankAccounts: { bankName: string; accountName: string; accountNumber: string }[];
  qualifications: DemoQualification[];
  sanctions: DemoSanction[];
}
export interface DemoIntermediary {
  name: string;
  creditCode: string;
  legalRepresentative: string;
  regionCode: string;
  address: string;
  contactName: string;
  contactPhone: string;
  serviceCategories: ServiceCategory[];
  status: 'pending' | 'approved';
  qualifications: DemoQualification[];
}

const BANKS = [
  '中国农业银行云岭县支行',
  '中国工商银行赤峰分行营业部',
  '内蒙古云岭农村商业银行',
  '中国建设银行云岭支行',
];

/** Certificates by trade, recognised from the business scope. */
function certificatesFor(scope: string): { name: string; issuer: string; grade: string | null }[] {
  if (/施工|工程|建筑|水利|道路/.test(scope)) {
    return [
      { name: '建筑业企业资质证书（施工总承包）', issuer: '内蒙古自治区住房和城乡建设厅', grade: '三级' },
      { name: '安全生产许可证', issuer: '内蒙古自治区住房和城乡建设厅', grade: null },
    ];
  }
  if (/医疗/.test(scope))
    return [{ name: '医疗器械经营许可证', issuer: '赤峰市市场监督管理局', grade: null }];
  if (/物业/.test(scope))
    return [{ name: 'ISO 9001 质量管理体系认证证书', issuer: '中国质量认证中心', grade: null }];
  if (/会计|审计/.test(scope))
    return [{ name: '会计师事务所执业证书', issuer: '内蒙古自治区财政厅', grade: null }];
  if (/法律/.test(scope))
    return [{ name: '律师事务所执业许可证', issuer: '内蒙古自治区司法厅', grade: null }];
  return [{ name: 'ISO 9001 质量管理体系认证证书', issuer: '中国质量认证中心', grade: null }];
}

const INTERMEDIARIES: readonly {
  name: string;
  categories: ServiceCategory[];
  certificate: string;
  issuer: string;
}[] = [
  {
    name: '赤峰正衡工程造价咨询有限公司',
    categories: ['costConsulting'],
    certificate: '工程造价咨询企业资质',
    issuer: '内蒙古自治区住房和城乡建设厅',
  },
  {
    name: '云岭县信诚工程造价咨询有限责任公司',
    categories: ['costConsulting', 'tenderAgency'],
    certificate: '工程造价咨询企业资质',
    issuer: '内蒙古自治区住房和城乡建设厅',
  },
  {
    name: '内蒙古中审华联会计师事务所有限公司',
    categories: ['audit', 'accounting'],
    certificate: '会计师事务所执业证书',
    issuer: '内蒙古自治区财政厅',
  },
  {
    name: '赤峰明正会计师事务所（普通合伙）',
    categories: ['audit', 'accounting'],
    certificate: '会计师事务所执业证书',
    issuer: '内蒙古自治区财政厅',
  },
  {
    name: '内蒙古建科工程监理有限公司',
    categories: ['supervision'],
    certificate: '工程监理企业资质证书',
    issuer: '内蒙古自治区住房和城乡建设厅',
  },
  {
    name: '赤峰市国土测绘院有限公司',
    categories: ['surveying'],
    certificate: '测绘资质证书',
    issuer: '内蒙古自治区自然资源厅',
  },
  {
    name: '内蒙古诚信资产评估有限责任公司',
    categories: ['appraisal'],
    certificate: '资产评估机构备案',
    issuer: '内蒙古自治区财政厅',
  },
  {
    name: '赤峰市城乡规划设计研究院有限公司',
    categories: ['design'],
    certificate: '工程设计资质证书',
    issuer: '内蒙古自治区住房和城乡建设厅',
  },
  {
    name: '内蒙古蒙正律师事务所',
    categories: ['legal'],
    certificate: '律师事务所执业许可证',
    issuer: '内蒙古自治区司法厅',
  },
  {
    name: '内蒙古绿源环境科技有限公司',
    categories: ['environmental'],
    certificate: '环境影响评价单位备案',
    issuer: '内蒙古自治区生态环境厅',
  },
  {
    name: '云岭县公正招标代理有限公司',
    categories: ['tenderAgency'],
    certificate: '政府采购代理机构登记',
    issuer: '中国政府采购网',
  },
  {
    name: '赤峰华信工程项目管理有限公司',
    categories: ['supervision', 'costConsulting'],
    certificate: '工程监理企业资质证书',
    issuer: '内蒙古自治区住房和城乡建设厅',
  },
];

function day(g: Gen, fromYear: number, toYear: number): string {
  return `${g.int(fromYear, toYear)}-${String(g.int(1, 12)).padStart(2, '0')}-${String(g.int(1, 28)).padStart(2, '0')}`;
}

function certificate(
  g: Gen,
  c: { name: string; issuer: string; grade: string | null },
  expired: boolean,
): DemoQualification {
  const validFrom = day(g, 2019, 2023);
  return {
    ...c,
    certificateNo: `${g.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 1)}${g.chars('0123456789', 9)}`,
    validFrom,
    validUntil: expired ? day(g, 2024, 2025) : day(g, 2027, 2030),
  };
}

export function demoRegistries(
  seed: string,
  data: DemoData,
): {
  supplierProfiles: DemoSupplierProfile[];
  intermediaries: DemoIntermediary[];
} {
  const g = new Gen(seededRng(`${seed}:registries`));
  for (const p of data.purchasers) g.reserveName(p.contactName);
  for (const s of data.suppliers) {
    g.reserveName(s.legalRepresentative);
    g.reserveName(s.contactName);
  }
  for (const e of data.experts) g.reserveName(e.name);
  for (const a of data.accounts) g.reserveName(a.displayName);

  const approved = data.suppliers.filter((s) => s.status === 'approved');
  // Two approved firms of one trade share an actual controller: the 条例18 pair the red flags must find.
  const [sharedA, sharedB] = approved.filter((s) => /施工|工程/.test(s.businessScope));
  const sharedController = g.personName(true);
  const sharedControllerId = g.idNumber(true, g.int(1965, 1980));
  const [debarred, dishonest] = g.sample(
    approved.filter((s) => s !== sharedA && s !== sharedB),
    2,
  );

  const supplierProfiles = data.suppliers.map((s: DemoSupplier): DemoSupplierProfile => {
    const repId = g.idNumber(g.chance(75), g.int(1962, 1990));
    const partner = g.personName(g.chance(60));
    const repShare = s.size === 'micro' ? 10000 : g.pick([5100, 6000, 7000, 8000]);
    const people: DemoPerson[] = [
      {
        role: 'shareholder',
        kind: 'person',
        name: s.legalRepresentative,
        idNumber: repId,
        creditCode: null,
        shareBasisPoints: repShare,
      },
    ];
    if (repShare < 10000) {
      people.push({
        role: 'shareholder',
        kind: 'person',
        name: partner,
        idNumber: g.idNumber(g.chance(60), g.int(1960, 1992)),
        creditCode: null,
        shareBasisPoints: 10000 - repShare,
      });
    }
    const shared = s === sharedA || s === sharedB;
    people.push({
      role: 'controller',
      kind: 'person',
      name: shared ? sharedController : s.legalRepresentative,
      idNumber: shared ? sharedControllerId : repId,
      creditCode: null,
      shareBasisPoints: null,
    });
    const sanctions: DemoSanction[] = [];
    if (s === debarred) {
      sanctions.push({
        kind: 'debarred',
        reason: '提供虚假材料谋取中标、成交（政府采购法第七十七条）',
        source: '云财购〔2026〕2号',
        startsOn: '2026-01-12',
        endsOn: '2027-01-11',
      });
    }
    if (s === dishonest) {
      sanctions.push({
        kind: 'dishonest',
        reason: '列入失信被执行人名单',
        source: '信用中国',
        startsOn: '2025-11-03',
        endsOn: null,
      });
    }
    return {
      supplierName: s.name,
      people,
      bankAccounts: [
        { bankName: g.pick(BANKS), accountName: s.name, accountNumber: `1523${g.chars('0123456789', 15)}` },
      ],
      qualifications: certificatesFor(s.businessScope).map((c) => certificate(g, c, g.chance(12))),
      sanctions,
    };
  });

  const intermediaries = INTERMEDIARIES.map((spec, i): DemoIntermediary => {
    const local = spec.name.startsWith('云岭县');
    const rep = g.personName(g.chance(65));
    return {
      name: spec.name,
      // Law firms are registered by the 司法厅 with numeric organisation codes; companies since 2015 got 'MA…'.
      creditCode: spec.name.endsWith('律师事务所')
        ? g.creditCode('31', '150000', false)
        : g.creditCode('91', local ? '150439' : '150402', g.chance(60)),
      legalRepresentative: rep,
      regionCode: local ? '150439' : '150402',
      address: g.address(local ? '云岭县' : '赤峰市红山区'),
      contactName: g.chance(50) ? rep : g.personName(g.chance(50)),
      contactPhone: g.mobile(),
      serviceCategories: spec.categories,
      status: i % 5 === 4 ? 'pending' : 'approved',
      qualifications: [certificate(g, { name: spec.certificate, issuer: spec.issuer, grade: null }, false)],
    };
  });
  return { supplierProfiles, intermediaries };
}
