import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { committeeBody, purchaserRepBody } from '../../../../src/modules/evaluation/contract.ts';
import { errorMessage } from '../../api.ts';
import { applyServerErrors, zodRule } from '../../shared/forms.ts';
import { SpecialtyTreeSelect } from '../experts/SpecialtyTreeSelect.tsx';
import { beijingInstant, beijingParts } from '../tendering/api.ts';
import { committeeKey, formCommittee, type CommitteeView } from './api.ts';

interface SlotValues {
  specialtyCode?: string;
  count?: number | null;
  alternates?: number | null;
}

interface Values {
  reviewAt?: Dayjs | null;
  reviewPlace?: string;
  remote?: boolean;
  complex?: boolean;
  regionCodes?: string[];
  slots?: SlotValues[];
  purchaserReps?: { name?: string }[];
}

const FIELDS = ['reviewAt', 'reviewPlace', 'remote', 'complex', 'regionCodes', 'slots', 'purchaserReps'];
const WALL_CLOCK = 'YYYY-MM-DD HH:mm';

/** The picked wall clock is Beijing time whatever the browser's own zone: `2026-03-24 09:00` → `…+08:00`. */
function reviewInstant(value: Dayjs | null | undefined): string {
  return value ? beijingInstant(value.format('YYYY-MM-DD'), value.format('HH:mm')) : '';
}

function initialValues(existing: CommitteeView | null): Values {
  if (!existing)
    return {
      remote: false,
      complex: false,
      regionCodes: [],
      slots: [{ count: 3, alternates: 2 }],
      purchaserReps: [],
    };
  const parts = beijingParts(existing.reviewAt);
  return {
    reviewAt: parts ? dayjs(`${parts.day} ${parts.time}`, WALL_CLOCK) : null,
    reviewPlace: existing.reviewPlace,
    remote: existing.remote,
    complex: existing.complex,
    regionCodes: existing.regionCodes,
    slots: existing.slots.map((s) => ({
      specialtyCode: s.specialtyCode,
      count: s.count,
      alternates: s.alternates,
    })),
    // The representatives' names are not part of the view (seats are): the form asks for them again.
    purchaserReps: existing.seats.filter((s) => s.kind === 'purchaserRep').map((s) => ({ name: s.name })),
  };
}

/**
 * 组建评审委员会: review time and place, the experts to draw per specialty and the purchaser's representatives.
 * The server checks the composition against the statutory size rules; its Chinese message shows above the form.
 */
export function CommitteeForm({
  projectId,
  existing,
  onDone,
}: {
  projectId: string;
  existing: CommitteeView | null;
  onDone?: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [refusal, setRefusal] = useState<string | null>(null);
  const slots = Form.useWatch('slots', form);
  const reps = Form.useWatch('purchaserReps', form);
  const experts = (slots ?? []).reduce((sum, s) => sum + (s?.count ?? 0), 0);
  const repCount = (reps ?? []).length;

  const mutation = useMutation({
    mutationFn: (v: Values) =>
      formCommittee(
        projectId,
        {
          reviewAt: reviewInstant(v.reviewAt),
          reviewPlace: v.reviewPlace ?? '',
          remote: v.remote ?? false,
          complex: v.complex ?? false,
          regionCodes: v.regionCodes ?? [],
          slots: (v.slots ?? []).map((s) => ({
            specialtyCode: s.specialtyCode ?? '',
            count: s.count ?? 0,
            alternates: s.alternates ?? 0,
          })),
          purchaserReps: (v.purchaserReps ?? []).map((r) => ({ name: r.name ?? '', userId: null })),
        },
        existing !== null,
      ),
    onSuccess: (view) => {
      setRefusal(null);
      queryClient.setQueryData(committeeKey(projectId), view);
      void message.success(existing ? '评审委员会组成已修改' : '评审委员会已组建，可准备抽取专家');
      onDone?.();
    },
    onError: (error) => {
      setRefusal(errorMessage(error));
      applyServerErrors(form, FIELDS, error);
    },
  });

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="committee-form">
      <Alert
        type="info"
        showIcon
        title="评审委员会（小组）成员应为法定人数以上的单数，评审专家不得少于成员总数的三分之二；专家从专家库中随机抽取。"
      />
      {refusal && <Alert type="error" showIcon title={refusal} data-testid="committee-form-error" />}
      <Form<Values>
        form={form}
        name="committee"
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={initialValues(existing)}
        onFinish={(v) => {
          setRefusal(null);
          mutation.mutate(v);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              label="评审时间（北京时间）"
              name="reviewAt"
              rules={[{ required: true, message: '请填写评审开始时间' }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm', minuteStep: 5 }}
                format={WALL_CLOCK}
                placeholder="选择日期和时间"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label="评审地点" name="reviewPlace" rules={[zodRule(committeeBody.shape.reviewPlace)]}>
              <Input placeholder="如：政府采购中心评标一室" maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item
              label="异地评审"
              name="remote"
              valuePropName="checked"
              tooltip="异地（远程）评审不受“评审前 2 个工作日内抽取”的限制"
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              label="技术复杂、专业性强"
              name="complex"
              valuePropName="checked"
              tooltip="公开招标项目技术复杂的，评标委员会应为 7 人以上单数（87号令第四十七条）"
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label="抽取地区（行政区划代码，可选）"
              name="regionCodes"
              rules={[
                {
                  validator: (_r, v: string[] | undefined) =>
                    (v ?? []).every((c) => /^\d{6}$/.test(c))
                      ? Promise.resolve()
                      : Promise.reject(new Error('行政区划代码应为 6 位数字')),
                },
              ]}
            >
              <Select
                mode="tags"
                tokenSeparators={[',', '，', ' ']}
                placeholder="不填则全库抽取；如 150100 表示该市全部区县"
                open={false}
                suffixIcon={null}
              />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Text strong>评审专家（按专业抽取）</Typography.Text>
        <Form.List name="slots">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <Row gutter={8} key={field.key} align="top" data-testid={`slot-${i}`}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[field.name, 'specialtyCode']}
                      label={`专业 ${i + 1}`}
                      rules={[{ required: true, message: '请选择专业' }]}
                    >
                      <SpecialtyTreeSelect placeholder="选择评审专业" />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={5}>
                    <Form.Item
                      name={[field.name, 'count']}
                      label={`抽取人数 ${i + 1}`}
                      rules={[{ required: true, message: '请填写人数' }]}
                    >
                      <InputNumber min={1} max={21} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={5}>
                    <Form.Item name={[field.name, 'alternates']} label={`候补人数 ${i + 1}`}>
                      <InputNumber min={0} max={20} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2}>
                    <Form.Item label=" ">
                      <Button
                        aria-label={`删除专业 ${i + 1}`}
                        icon={<DeleteOutlined />}
                        disabled={fields.length <= 1}
                        onClick={() => remove(field.name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ count: 1, alternates: 2 })}
                disabled={fields.length >= 10}
                style={{ marginBottom: 16 }}
              >
                添加专业
              </Button>
            </div>
          )}
        </Form.List>

        <Typography.Text strong>采购人代表</Typography.Text>
        <Form.List name="purchaserReps">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={`采购人代表 ${i + 1}`}
                    rules={[zodRule(purchaserRepBody.shape.name)]}
                  >
                    <Input placeholder="姓名" maxLength={50} style={{ width: 240 }} />
                  </Form.Item>
                  <Form.Item label=" ">
                    <Button
                      aria-label={`删除采购人代表 ${i + 1}`}
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  </Form.Item>
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ name: '' })}
                disabled={fields.length >= 10}
                style={{ marginBottom: 16 }}
              >
                添加采购人代表
              </Button>
            </div>
          )}
        </Form.List>

        <Typography.Paragraph type="secondary" data-testid="committee-form-total">
          合计 {experts + repCount} 人：评审专家 {experts} 人，采购人代表 {repCount} 人。
        </Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={mutation.isPending}>
            {existing ? '保存组成' : '组建评审委员会'}
          </Button>
          {onDone && existing && <Button onClick={onDone}>取消</Button>}
        </Space>
      </Form>
    </Space>
  );
}
