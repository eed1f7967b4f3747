import type { Db } from '../../platform/db/client.ts';
import { access } from '../../platform/http/access.ts';
import { errorBody, idParams } from '../../platform/http/contract.ts';
import type { App } from '../../platform/http/server.ts';
import { platformSigner } from '../../platform/signing.ts';
import {
  assignCustodians,
  myCustodianKey,
  readCustodians,
  readSealingKeys,
  registerCustodianKey,
  registerForProject,
} from './commands.ts';
import {
  completeBid,
  listMyBids,
  readUpload,
  submitBid,
  uploadPiece,
  withdrawBid,
  type UploadArea,
} from './submission.ts';
import type { Readable } from 'node:stream';
import {
  bidEnvelope,
  bidList,
  bidView,
  custodianKeyBody,
  custodianKeyView,
  custodiansBody,
  custodiansView,
  depositBody,
  depositList,
  depositListQuery,
  depositView,
  objectionAnswerBody,
  refundBody,
  objectionBody,
  openingView,
  publicKeyView,
  shareHandInBody,
  uploadParams,
  uploadStatus,
  wrappedSharesView,
  registrationView,
  sealingView,
} from './contract.ts';
import { bidPolicy, custodianPolicy, depositPolicy, openingPolicy, receiptKeyPolicy } from './policy.ts';
import { confirmDeposit, listDeposits, recordDeposit, refundDeposit } from './deposits.ts';
import {
  answerObjection,
  handInShares,
  raiseObjection,
  readOpening,
  startOpening,
  wrappedShares,
} from './opening.ts';
import { z } from 'zod';

const tags = ['投标'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function biddingRoutes(app: App, deps: { db: Db; uploads: UploadArea }): void {
  const { db, uploads } = deps;
  // Sealed document pieces arrive as raw bytes and are streamed to disk, never buffered whole.
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));

  app.post(
    '/api/custodian-keys',
    {
      config: { access: access(custodianPolicy, 'manageOwnKey') },
      schema: {
        tags,
        summary: '设置本人的开标密钥（在浏览器中生成，私钥以口令加密后上传）',
        body: custodianKeyBody,
        response: { 201: custodianKeyView, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await registerCustodianKey(db, req.ctx, req.body)),
  );
  app.get(
    '/api/custodian-keys/mine',
    {
      config: { access: access(custodianPolicy, 'manageOwnKey') },
      schema: {
        tags,
        summary: '本人的开标密钥（加密的私钥，仅在本人浏览器中解开）',
        response: { 200: custodianKeyView, ...errors },
      },
    },
    (req) => myCustodianKey(db, req.ctx),
  );
  app.put(
    '/api/projects/:id/custodians',
    {
      config: { access: access(custodianPolicy, 'assign') },
      schema: {
        tags,
        summary: '指定开标密钥保管人（本人与一名财政监督人员）',
        params: idParams,
        body: custodiansBody,
        response: { 200: custodiansView, ...errors },
      },
    },
    (req) => assignCustodians(db, req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/projects/:id/custodians',
    {
      config: { access: access(custodianPolicy, 'readAssignment') },
      schema: {
        tags,
        summary: '开标密钥保管人',
        params: idParams,
        response: { 200: custodiansView, ...errors },
      },
    },
    (req) => readCustodians(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/projects/:id/registration',
    {
      config: { access: access(bidPolicy, 'register') },
      schema: {
        tags,
        summary: '供应商报名',
        params: idParams,
        response: { 200: registrationView, ...errors },
      },
    },
    (req) => registerForProject(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/projects/:id/sealing',
    {
      config: { access: access(bidPolicy, 'sealingKeys') },
      schema: {
        tags,
        summary: '加密投标文件所需的公钥、包与服务器时间（已报名的供应商）',
        params: idParams,
        response: { 200: sealingView, ...errors },
      },
    },
    (req) => readSealingKeys(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/projects/:id/my-bids',
    {
      config: { access: access(bidPolicy, 'listMine') },
      schema: {
        tags,
        summary: '本单位在本项目的投标文件与回执',
        params: idParams,
        response: { 200: bidList, ...errors },
      },
    },
    (req) => listMyBids(db, req.ctx, req.params.id, uploads),
  );
  app.post(
    '/api/bids',
    {
      config: { access: access(bidPolicy, 'submit') },
      schema: {
        tags,
        summary: '递交已在本地加密的投标文件，取得平台签名的回执（重复递交同一文件得到同一回执）',
        body: bidEnvelope,
        response: { 200: bidView, 201: bidView, ...errors },
      },
    },
    async (req, reply) => {
      const { created, bid } = await submitBid(db, req.ctx, req.body, uploads);
      return reply.status(created ? 201 : 200).send(bid);
    },
  );
  app.get(
    '/api/bids/:id/documents/:part',
    {
      config: { access: access(bidPolicy, 'submit') },
      schema: {
        tags,
        summary: '已收到的字节数（断点续传从此处继续）',
        params: uploadParams,
        response: { 200: uploadStatus, ...errors },
      },
    },
    (req) => readUpload(db, req.ctx, req.params.id, req.params.part, uploads),
  );
  app.put(
    '/api/bids/:id/documents/:part',
    {
      config: { access: access(bidPolicy, 'submit') },
      schema: {
        tags,
        summary: '上传已加密文件的一段（Content-Range: bytes 起-止/总长；application/octet-stream）',
        params: uploadParams,
        response: { 200: uploadStatus, ...errors },
      },
    },
    (req) =>
      uploadPiece(
        db,
        req.ctx,
        req.params.id,
        req.params.part,
        req.headers['content-range'],
        req.body as Readable,
        uploads,
      ),
  );
  app.post(
    '/api/bids/:id/complete',
    {
      config: { access: access(bidPolicy, 'submit') },
      schema: {
        tags,
        summary: '全部文件上传完毕：核对摘要后接收投标文件并签发回执',
        params: idParams,
        response: { 200: bidView, ...errors },
      },
    },
    (req) => completeBid(db, req.ctx, req.params.id, uploads),
  );
  app.post(
    '/api/bids/:id/withdraw',
    {
      config: { access: access(bidPolicy, 'withdraw') },
      schema: {
        tags,
        summary: '投标截止前撤回投标文件',
        params: idParams,
        response: { 200: bidView, ...errors },
      },
    },
    (req) => withdrawBid(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/receipts/public-key',
    {
      config: { access: access(receiptKeyPolicy, 'read') },
      schema: { tags: ['公开'], summary: '平台回执签名公钥（Ed25519）', response: { 200: publicKeyView } },
    },
    async () => {
      const signer = await platformSigner(db);
      return { alg: 'Ed25519' as const, keyId: signer.keyId, publicKey: signer.publicKey };
    },
  );

  const opening = ['开标'];
  app.post(
    '/api/projects/:id/opening',
    {
      config: { access: access(openingPolicy, 'conduct') },
      schema: {
        tags: opening,
        summary: '开始开标：不足三家的包不予开标，其余等待密钥持有人解密',
        params: idParams,
        response: { 200: openingView, ...errors },
      },
    },
    (req) => startOpening(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/projects/:id/opening',
    {
      config: { access: access(openingPolicy, 'read') },
      schema: {
        tags: opening,
        summary: '开标大厅：进度、开标记录、异议',
        params: idParams,
        response: { 200: openingView, ...errors },
      },
    },
    (req) => readOpening(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/projects/:id/opening/shares',
    {
      config: { access: access(openingPolicy, 'handIn') },
      schema: {
        tags: opening,
        summary: '本人持有的、待解开的密钥分量（在本人浏览器中解开）',
        params: idParams,
        response: { 200: wrappedSharesView, ...errors },
      },
    },
    (req) => wrappedShares(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/projects/:id/opening/shares',
    {
      config: { access: access(openingPolicy, 'handIn') },
      schema: {
        tags: opening,
        summary: '提交已解开的密钥分量；任意两份齐备即解密该投标文件',
        params: idParams,
        body: shareHandInBody,
        response: { 200: openingView, ...errors },
      },
    },
    (req) => handInShares(db, req.ctx, req.params.id, req.body, uploads.store),
  );
  app.post(
    '/api/projects/:id/opening/objections',
    {
      config: { access: access(openingPolicy, 'object') },
      schema: {
        tags: opening,
        summary: '投标人在开标现场提出异议',
        params: idParams,
        body: objectionBody,
        response: { 200: openingView, ...errors },
      },
    },
    (req) => raiseObjection(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/projects/:id/opening/objections/:objectionId/answer',
    {
      config: { access: access(openingPolicy, 'conduct') },
      schema: {
        tags: opening,
        summary: '当场答复开标异议',
        params: z.object({ id: z.uuid(), objectionId: z.uuid() }),
        body: objectionAnswerBody,
        response: { 200: openingView, ...errors },
      },
    },
    (req) => answerObjection(db, req.ctx, req.params.id, req.params.objectionId, req.body),
  );

  const deposits = ['投标保证金'];
  app.post(
    '/api/projects/:id/deposit',
    {
      config: { access: access(depositPolicy, 'record') },
      schema: {
        tags: deposits,
        summary: '登记投标保证金（转账、保函等非现金形式；金额按采购文件，且不超过预算 2%）',
        params: idParams,
        body: depositBody,
        response: { 200: depositView, ...errors },
      },
    },
    (req) => recordDeposit(db, req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/projects/:id/deposits',
    {
      config: { access: access(depositPolicy, 'list') },
      schema: {
        tags: deposits,
        summary: '本项目的投标保证金（供应商仅见本单位；同一账户代缴的予以提示）',
        params: idParams,
        response: { 200: depositList, ...errors },
      },
    },
    (req) => listDeposits(db, req.ctx, { projectId: req.params.id }),
  );
  app.get(
    '/api/deposits',
    {
      config: { access: access(depositPolicy, 'list') },
      schema: {
        tags: deposits,
        summary: '投标保证金（overdue=true：逾期未退还）',
        querystring: depositListQuery,
        response: { 200: depositList },
      },
    },
    (req) => listDeposits(db, req.ctx, { overdue: req.query.overdue }),
  );
  app.post(
    '/api/deposits/:id/confirm',
    {
      config: { access: access(depositPolicy, 'confirm') },
      schema: {
        tags: deposits,
        summary: '确认保证金到账',
        params: idParams,
        response: { 200: depositView, ...errors },
      },
    },
    (req) => confirmDeposit(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/deposits/:id/refund',
    {
      config: { access: access(depositPolicy, 'refund') },
      schema: {
        tags: deposits,
        summary: '登记保证金已退还',
        params: idParams,
        body: refundBody,
        response: { 200: depositView, ...errors },
      },
    },
    (req) => refundDeposit(db, req.ctx, req.params.id, req.body),
  );
}
