/**
 * Open data in the Open Contracting Data Standard 1.1.5 (OCDS), with the lots and bid extensions: the subset of the
 * release schema the platform emits, the release and record packages, and the public API's queries. Field names
 * are OCDS's own; the mapping from Chinese procurement concepts is docs/OCDS.md. Runs in the browser too: no
 * `node:` imports.
 */
import { z } from 'zod';

/** The extensions every package declares (their release-schema.json patches the core schema). */
export const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
] as const;

export const OCDS_VERSION = '1.1';

/** Release tags the platform emits (releaseTag codelist), plus `compiled` for compiled releases. */
export const releaseTag = z.enum([
  'planning',
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'awardUpdate',
  'contract',
  'contractUpdate',
  'contractAmendment',
  'implementation',
  'contractTermination',
  'compiled',
]);
export type ReleaseTag = z.infer<typeof releaseTag>;

/** An instant in RFC 3339 form, as OCDS's date-time fields want it. */
const instant = z.string().describe('RFC 3339 时间（含时区）');

export const ocdsValue = z.object({
  /** Yuan, from fen by exact decimal conversion (never floating-point arithmetic). */
  amount: z.number(),
  currency: z.literal('CNY'),
});

export const organizationReference = z.object({ id: z.string(), name: z.string() });

export const ocdsPeriod = z.object({
  startDate: instant.optional(),
  endDate: instant.optional(),
});

export const ocdsDocument = z.object({
  id: z.string(),
  documentType: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  url: z.string().optional(),
  datePublished: instant.optional(),
  format: z.string().optional(),
  language: z.string().optional(),
  relatedLots: z.array(z.string()).optional(),
});

export const ocdsMilestone = z.object({
  id: z.string(),
  title: z.string().optional(),
  type: z.string().optional(),
  description: z.string().optional(),
  code: z.string().optional(),
  dueDate: instant.optional(),
  dateMet: instant.optional(),
  status: z.enum(['scheduled', 'met', 'notMet', 'partiallyMet']).optional(),
  relatedLots: z.array(z.string()).optional(),
});

export const ocdsAmendment = z.object({
  id: z.string(),
  date: instant,
  rationale: z.string().optional(),
  description: z.string().optional(),
  amendsReleaseID: z.string().optional(),
  releaseID: z.string().optional(),
});

export const ocdsClassification = z.object({
  scheme: z.string(),
  id: z.string(),
  description: z.string().optional(),
});

export const ocdsItem = z.object({
  id: z.string(),
  description: z.string().optional(),
  classification: ocdsClassification.optional(),
  quantity: z.number().optional(),
  unit: z.object({ name: z.string() }).optional(),
  relatedLot: z.string().optional(),
});

export const ocdsIdentifier = z.object({
  scheme: z.string(),
  id: z.string(),
  legalName: z.string().optional(),
});

export const ocdsOrganization = z.object({
  id: z.string(),
  name: z.string(),
  identifier: ocdsIdentifier.optional(),
  address: z
    .object({
      streetAddress: z.string().optional(),
      region: z.string().optional(),
      countryName: z.string().optional(),
    })
    .optional(),
  contactPoint: z.object({ name: z.string().optional(), telephone: z.string().optional() }).optional(),
  roles: z.array(z.string()),
});

export const ocdsLot = z.object({
  id: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  status: z.enum(['planning', 'planned', 'active', 'cancelled', 'unsuccessful', 'complete']).optional(),
  value: ocdsValue.optional(),
});

export const ocdsBudget = z.object({
  id: z.string().optional(),
  description: z.string().optional(),
  amount: ocdsValue.optional(),
  project: z.string().optional(),
  projectID: z.string().optional(),
});

export const ocdsPlanning = z.object({
  rationale: z.string().optional(),
  budget: ocdsBudget.optional(),
  milestones: z.array(ocdsMilestone).optional(),
});

export const tenderStatus = z.enum([
  'planning',
  'planned',
  'active',
  'cancelled',
  'unsuccessful',
  'complete',
]);

export const ocdsTender = z.object({
  id: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  status: tenderStatus.optional(),
  procuringEntity: organizationReference.optional(),
  items: z.array(ocdsItem).optional(),
  value: ocdsValue.optional(),
  procurementMethod: z.enum(['open', 'selective', 'limited', 'direct']).optional(),
  procurementMethodDetails: z.string().optional(),
  procurementMethodRationale: z.string().optional(),
  mainProcurementCategory: z.enum(['goods', 'works', 'services']).optional(),
  awardCriteria: z.string().optional(),
  awardCriteriaDetails: z.string().optional(),
  submissionMethod: z.array(z.string()).optional(),
  submissionMethodDetails: z.string().optional(),
  tenderPeriod: ocdsPeriod.optional(),
  awardPeriod: ocdsPeriod.optional(),
  eligibilityCriteria: z.string().optional(),
  numberOfTenderers: z.number().int().optional(),
  tenderers: z.array(organizationReference).optional(),
  documents: z.array(ocdsDocument).optional(),
  milestones: z.array(ocdsMilestone).optional(),
  amendments: z.array(ocdsAmendment).optional(),
  lots: z.array(ocdsLot).optional(),
});

export const bidStatistic = z.object({
  id: z.string(),
  measure: z.string(),
  date: instant.optional(),
  value: z.number(),
  currency: z.literal('CNY').optional(),
  notes: z.string().optional(),
  relatedLot: z.string().optional(),
});

export const bidDetail = z.object({
  id: z.string(),
  date: instant.optional(),
  status: z.enum(['pending', 'valid', 'disqualified', 'withdrawn']).optional(),
  tenderers: z.array(organizationReference).optional(),
  value: ocdsValue.optional(),
  relatedLots: z.array(z.string()).optional(),
});

export const ocdsBids = z.object({
  statistics: z.array(bidStatistic).optional(),
  details: z.array(bidDetail).optional(),
});

export const ocdsAward = z.object({
  id: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  status: z.enum(['pending', 'active', 'cancelled', 'unsuccessful']).optional(),
  date: instant.optional(),
  value: ocdsValue.optional(),
  suppliers: z.array(organizationReference).optional(),
  documents: z.array(ocdsDocument).optional(),
  relatedLots: z.array(z.string()).optional(),
  relatedBid: z.string().optional(),
});

export const ocdsTransaction = z.object({
  id: z.string(),
  date: instant.optional(),
  value: ocdsValue,
  payer: organizationReference.optional(),
  payee: organizationReference.optional(),
});

export const ocdsImplementation = z.object({
  transactions: z.array(ocdsTransaction).optional(),
  milestones: z.array(ocdsMilestone).optional(),
  documents: z.array(ocdsDocument).optional(),
});

export const ocdsContract = z.object({
  id: z.string(),
  awardID: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  status: z.enum(['pending', 'active', 'cancelled', 'terminated']).optional(),
  period: ocdsPeriod.optional(),
  value: ocdsValue.optional(),
  dateSigned: instant.optional(),
  documents: z.array(ocdsDocument).optional(),
  milestones: z.array(ocdsMilestone).optional(),
  amendments: z.array(ocdsAmendment).optional(),
  implementation: ocdsImplementation.optional(),
});

export const ocdsRelatedProcess = z.object({
  id: z.string(),
  relationship: z.array(z.string()),
  title: z.string().optional(),
  scheme: z.literal('ocid'),
  identifier: z.string(),
});

export const ocdsRelease = z.object({
  ocid: z.string(),
  id: z.string(),
  date: instant,
  tag: z.array(releaseTag),
  initiationType: z.literal('tender'),
  language: z.literal('zh').optional(),
  parties: z.array(ocdsOrganization).optional(),
  buyer: organizationReference.optional(),
  planning: ocdsPlanning.optional(),
  tender: ocdsTender.optional(),
  bids: ocdsBids.optional(),
  awards: z.array(ocdsAward).optional(),
  contracts: z.array(ocdsContract).optional(),
  relatedProcesses: z.array(ocdsRelatedProcess).optional(),
});
export type OcdsRelease = z.infer<typeof ocdsRelease>;

export const ocdsPublisher = z.object({
  name: z.string(),
  uri: z.string().optional(),
});

export const releasePackage = z.object({
  uri: z.string(),
  version: z.literal(OCDS_VERSION),
  extensions: z.array(z.string()),
  publishedDate: instant,
  publisher: ocdsPublisher,
  releases: z.array(ocdsRelease),
  /** Pagination (OCDS API guidance): the next page, absent on the last one. */
  links: z.object({ next: z.string().optional() }),
});
export type ReleasePackage = z.infer<typeof releasePackage>;

export const ocdsRecord = z.object({
  ocid: z.string(),
  releases: z.array(ocdsRelease),
  compiledRelease: ocdsRelease,
});

export const recordPackage = z.object({
  uri: z.string(),
  version: z.literal(OCDS_VERSION),
  extensions: z.array(z.string()),
  publishedDate: instant,
  publisher: ocdsPublisher,
  records: z.array(ocdsRecord),
});
export type RecordPackage = z.infer<typeof recordPackage>;

export const releasesQuery = z.object({
  since: z.iso
    .datetime({ offset: true, message: '应为含时区的 ISO 8601 时间，如 2026-03-01T00:00:00+08:00' })
    .optional()
    .describe('只返回此时刻及以后公开的发布'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('每页发布数'),
  cursor: z.string().max(400).optional().describe('上一页 links.next 给出的游标'),
});

export const recordParams = z.object({
  ocid: z.string().min(1).max(200).describe('开放合同编号 ocid'),
});
