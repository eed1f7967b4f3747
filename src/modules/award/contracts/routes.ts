import { access } from '../../../platform/http/access.ts';
import { errorBody, idParams } from '../../../platform/http/contract.ts';
import type { App } from '../../../platform/http/server.ts';
import type { AwardDeps } from '../deps.ts';
import { amendContract, fileContract, publishContract } from './acts.ts';
import {
  amendmentBody,
  contractList,
  contractView,
  filingBody,
  generateBody,
  generatedList,
  listQuery,
  lotParams,
  mySigningKey,
  signBody,
  signingKeyBody,
} from './contract.ts';
import { exportContract } from './export.ts';
import { generateContracts } from './generate.ts';
import { readMySigningKey, registerSigningKey } from './keys.ts';
import { contractPolicy, signingKeyPolicy } from './policy.ts';
import { signContract } from './sign.ts';
import { contractExportSchema } from './signature.contract.ts';
import { contractDocx, listContracts, readContract } from './view.ts';

const tags = ['合同'];
const errors = { 400: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export function contractRoutes(app: App, deps: AwardDeps): void {
  const { db } = deps;

  app.post(
    '/api/my/signing-key',
    {
      config: { access: access(signingKeyPolicy, 'register') },
      schema: {
        tags,
        summary:
          '登记本账户的合同签名密钥（Ed25519，在浏览器中生成，私钥以签名口令加密后保存；替换时旧密钥作废）',
        body: signingKeyBody,
        response: { 201: mySigningKey, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await registerSigningKey(db, req.ctx, req.body)),
  );
  app.get(
    '/api/my/signing-key',
    {
      config: { access: access(signingKeyPolicy, 'readOwn') },
      schema: {
        tags,
        summary: '本账户的签名密钥（公钥与加密的私钥，由浏览器用签名口令解密）',
        response: { 200: mySigningKey, ...errors },
      },
    },
    (req) => readMySigningKey(db, req.ctx),
  );
  app.post(
    '/api/projects/:id/lots/:lotNo/contracts',
    {
      config: { access: access(contractPolicy, 'generate') },
      schema: {
        tags,
        summary: '按范本和中标结果生成合同草稿（每个采购人份额一份；任一方签署前可重新生成）',
        params: lotParams,
        body: generateBody,
        response: { 201: generatedList, ...errors },
      },
    },
    async (req, reply) => {
      const ids = await generateContracts(db, req.ctx, req.params.id, req.params.lotNo, req.body);
      const items = [];
      for (const id of ids) items.push(await readContract(db, req.ctx, id));
      return reply.status(201).send({ items });
    },
  );
  app.get(
    '/api/contracts',
    {
      config: { access: access(contractPolicy, 'list') },
      schema: {
        tags,
        summary: '合同列表（采购中心和监督人员查看全部；采购人查看本单位的；供应商查看本企业的）',
        querystring: listQuery,
        response: { 200: contractList, ...errors },
      },
    },
    (req) => listContracts(db, req.ctx, req.query),
  );
  app.get(
    '/api/contracts/:id',
    {
      config: { access: access(contractPolicy, 'read') },
      schema: {
        tags,
        summary: '合同详情：文本、条款、法定期限、签署、变更',
        params: idParams,
        response: { 200: contractView, ...errors },
      },
    },
    (req) => readContract(db, req.ctx, req.params.id),
  );
  app.get(
    '/api/contracts/:id/document',
    {
      config: { access: access(contractPolicy, 'read') },
      schema: { tags, summary: '下载合同文本（docx）', params: idParams },
    },
    async (req, reply) => {
      const file = await contractDocx(db, req.ctx, req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.body);
    },
  );
  app.post(
    '/api/contracts/:id/signatures',
    {
      config: { access: access(contractPolicy, 'sign') },
      schema: {
        tags,
        summary: '当事人以本账户签名密钥签署合同（在浏览器中签名，平台核验后保存）',
        params: idParams,
        body: signBody,
        response: { 200: contractView, ...errors },
      },
    },
    (req) => signContract(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/contracts/:id/publication',
    {
      config: { access: access(contractPolicy, 'publish') },
      schema: {
        tags,
        summary: '发布合同公告（合同签订之日起2个工作日内，政府采购法实施条例第五十条）',
        params: idParams,
        response: { 200: contractView, ...errors },
      },
    },
    (req) => publishContract(db, req.ctx, req.params.id),
  );
  app.post(
    '/api/contracts/:id/filing',
    {
      config: { access: access(contractPolicy, 'file') },
      schema: {
        tags,
        summary: '登记合同备案（合同签订之日起7个工作日内报财政部门备案，政府采购法第四十七条）',
        params: idParams,
        body: filingBody,
        response: { 200: contractView, ...errors },
      },
    },
    (req) => fileContract(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/contracts/:id/amendments',
    {
      config: { access: access(contractPolicy, 'amend') },
      schema: {
        tags,
        summary: '合同变更、补充合同（累计不超过原合同金额10%，政府采购法第四十九条）或解除合同',
        params: idParams,
        body: amendmentBody,
        response: { 200: contractView, ...errors },
      },
    },
    (req) => amendContract(db, req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/contracts/:id/export',
    {
      config: { access: access(contractPolicy, 'export') },
      schema: {
        tags,
        summary: '导出已签署合同（文本、双方签名及公钥、平台证明），可用 zhengcai contract verify 离线验证',
        params: idParams,
        response: { 200: contractExportSchema, ...errors },
      },
    },
    (req) => exportContract(db, req.ctx, req.params.id),
  );
}
