import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import type { ProjectMethod, TemplateKind } from './model.ts';
import { noticeText, type NoticeInput } from './notices.ts';
import { SAMPLE_DEADLINE, sampleInput } from './test-fixtures.ts';

function input(kind: TemplateKind = 'goods', method: ProjectMethod = 'openTender'): NoticeInput {
  const { template: _template, ...rest } = sampleInput(kind, method);
  return rest;
}

const NUMBERED = ['一、', '二、', '三、', '四、', '五、', '六、', '七、'];

describe('招标公告', () => {
  const { title, body } = noticeText('tender', input());

  it('has the title and the seven sections of the 50号 format in order', () => {
    expect(title).toBe('云岭县2026年中小学课桌椅及教学设备采购项目招标公告');
    const headings = [
      '一、项目基本情况',
      '二、申请人的资格要求',
      '三、获取招标文件',
      '四、提交投标文件截止时间、开标时间和地点',
      '五、公告期限',
      '六、其他补充事宜',
      '七、对本次招标提出询问，请按以下方式联系',
    ];
    const at = headings.map((h) => body.indexOf(`\n${h}`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('states the figures: code, method, budget in figures and words, ceilings and each lot', () => {
    expect(body).toContain('项目编号：YLZC-2026-015');
    expect(body).toContain('采购方式：公开招标');
    expect(body).toContain('预算金额：2,394,567.89元（人民币贰佰叁拾玖万肆仟伍佰陆拾柒元捌角玖分）');
    expect(body).toContain('最高限价：第1包 1,200,000.00元；第2包 不设；第3包 298,000.00元');
    expect(body).toContain(
      '第1包：学生课桌椅；数量：3000套；预算金额：1,234,567.89元；最高限价：1,200,000.00元。',
    );
    expect(body).toContain('合同履行期限：合同签订后30日内');
    expect(body).toContain('本项目接受联合体投标。');
  });

  it('lists the qualification requirements: 法22, the SME policy and the specific ones', () => {
    expect(body).toContain('1. 满足《中华人民共和国政府采购法》第二十二条规定；');
    expect(body).toContain('对符合规定的小微企业报价给予10%的扣除');
    expect(body).toContain('（1）投标人须具有有效的家具产品质量认证证书（第1包学生课桌椅）');
  });

  it('gives the document period, the free platform download, the deadline, the place and the contacts', () => {
    expect(body).toContain('时间：2026年3月10日至2026年3月17日');
    expect(body).toContain('地点：云岭县政府采购中心电子交易平台（本平台）');
    expect(body).toContain('售价：0元');
    expect(body).toContain('提交投标文件截止时间：2026年4月2日 09:30 北京时间');
    expect(body).toContain('开标时间：2026年4月2日 09:30 北京时间');
    expect(body).toContain('地点：云岭县公共资源交易中心第一开标室');
    expect(body).toContain('自本公告发布之日起5个工作日');
    expect(body).toContain('名称：云岭县教育体育局、云岭县第一中学');
    expect(body).toContain('联系方式：0871-61234567');
    expect(body).toContain('本项目不接受进口产品');
  });

  it('says 不接受联合体 and 无 when nothing provides for them', () => {
    const plain = input('communityServices');
    const text = noticeText('tender', {
      ...plain,
      requirements: { ...plain.requirements, qualification: [] },
    }).body;
    expect(text).toContain('本项目不接受联合体投标。');
    expect(text).toContain('3. 本项目的特定资格要求：无。');
    expect(text).toContain('最高限价：不设最高限价');
    expect(text).not.toContain('进口产品');
  });
});

describe('非招标方式公告和投标邀请', () => {
  it.each([
    ['negotiation', '竞争性谈判公告', '竞争性谈判文件'],
    ['consultation', '竞争性磋商公告', '竞争性磋商文件'],
    ['rfq', '询价公告', '询价通知书'],
  ] as const)('%s → %s', (method, name, documentName) => {
    const { title, body } = noticeText('invitation', input('goods', method));
    expect(title).toBe(`云岭县2026年中小学课桌椅及教学设备采购项目${name}`);
    for (const h of [
      '一、项目基本情况',
      '二、申请人的资格要求',
      '三、获取采购文件',
      '四、响应文件提交',
      '五、开启',
    ]) {
      expect(body).toContain(h);
    }
    expect(body).toContain(`免费下载${documentName}`);
    expect(body).toContain('截止时间：2026年4月2日 09:30 北京时间');
    expect(body).toContain('自本公告发布之日起3个工作日');
    expect(body).toContain('八、凡对本次采购提出询问，请按以下方式联系');
  });

  it('邀请招标 → 投标邀请书', () => {
    const { title, body } = noticeText('invitation', input('goods', 'invitedTender'));
    expect(title).toBe('云岭县2026年中小学课桌椅及教学设备采购项目投标邀请书');
    expect(body).toContain('邀请你单位参加');
    expect(body).toContain('采购方式：邀请招标');
    expect(body).toContain('提交投标文件截止时间：2026年4月2日 09:30 北京时间');
  });
});

describe('资格预审公告', () => {
  it('has the prequalification sections and the ≥3 invitees rule', () => {
    const { title, body } = noticeText('prequalification', input('works', 'invitedTender'));
    expect(title).toBe('云岭县河口乡中心学校教学楼维修改造工程资格预审公告');
    for (const h of [
      '三、领取资格预审文件',
      '五、资格预审的审查标准及方法',
      '六、拟邀请参加投标的供应商数量',
      '七、申请文件提交',
      '九、公告期限',
      '十一、凡对本次资格预审提出询问，请按以下方式联系',
    ]) {
      expect(body).toContain(h);
    }
    expect(body).toContain('随机方式选择3家以上');
    expect(body).toContain('（2）投标人须具有消防设施工程专业承包二级及以上资质（第3包消防设施改造）');
  });
});

describe('更正公告', () => {
  const later = new Date('2026-04-20T01:30:00Z');

  it('shows the original notice, the content and the moved deadline next to the old one', () => {
    const { title, body } = noticeText('correction', {
      ...input(),
      correction: {
        originalPublishedOn: '2026-03-10',
        content: '第五章第1包课桌椅高度调整为“可调节，范围640—760mm”。',
        previousDeadline: SAMPLE_DEADLINE,
        newDeadline: later,
        correctedOn: '2026-03-20',
      },
    });
    expect(title).toBe('云岭县2026年中小学课桌椅及教学设备采购项目更正公告');
    expect(body).toContain('原公告的采购项目编号：YLZC-2026-015');
    expect(body).toContain('首次公告日期：2026年3月10日');
    expect(body).toContain('更正内容：第五章第1包课桌椅高度调整为“可调节，范围640—760mm”。');
    expect(body).toContain(
      '更正后的提交投标文件截止时间：2026年4月20日 09:30 北京时间（原提交投标文件截止时间：2026年4月2日 09:30 北京时间）',
    );
    expect(body).toContain('更正日期：2026年3月20日');
    expect(body).toContain('四、凡对本次公告内容提出询问，请按以下方式联系');
  });

  it('says the deadline stands when the correction does not move it', () => {
    const { body } = noticeText('correction', {
      ...input('goods', 'consultation'),
      correction: {
        originalPublishedOn: '2026-03-10',
        content: '更正联系电话。',
        previousDeadline: SAMPLE_DEADLINE,
        newDeadline: null,
      },
    });
    expect(body).toContain('提交响应文件截止时间不变，仍为2026年4月2日 09:30 北京时间。');
    expect(body).not.toContain('更正后的提交');
    expect(body).not.toContain('更正日期');
  });

  it('refuses to write a correction without its content', () => {
    expect(() => noticeText('correction', input())).toThrow(AppError);
  });
});

describe('终止公告', () => {
  it('gives the project and the reason', () => {
    const { title, body } = noticeText('termination', {
      ...input('propertyServices'),
      termination: { reason: '因采购需求发生重大变化，采购人申请终止本次采购活动。' },
    });
    expect(title).toBe('云岭县行政中心2026—2028年度物业管理服务项目终止公告');
    expect(body).toContain('一、项目基本情况');
    expect(body).toContain('采购项目编号：YLZC-2026-015');
    expect(body).toContain('二、项目终止的原因\n因采购需求发生重大变化，采购人申请终止本次采购活动。');
    expect(body).toContain('5个工作日内退还');
    expect(NUMBERED.slice(0, 4).every((n) => body.includes(n))).toBe(true);
  });

  it('refuses to write a termination without its reason', () => {
    expect(() => noticeText('termination', input())).toThrow(/终止原因/);
  });
});

describe('合理定价评审抽签法 in the notice', () => {
  it('announces each lot’s 定标价 from the reviewed price and the float-down rate', () => {
    const base = input('works');
    const { body } = noticeText('tender', {
      ...base,
      requirements: {
        ...base.requirements,
        evaluationMethod: 'priceLottery',
        lottery: {
          floatDownBp: 750,
          rounding: 'yuan',
          mode: 'halfUp',
          // 1 234 567.89 元 less 7.5% = 1 141 975.298… 元 → 1 141 975 元.
          reviewed: [{ lotNo: 1, reviewedFen: '123456789' }],
        },
      },
    });
    expect(body).toContain('下浮比例 7.50%');
    expect(body).toContain('定标价：第1包 1,141,975.00元；第2包 见采购文件');
  });
});
