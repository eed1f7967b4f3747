import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Form, Input, Row, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { projectBody, projectUpdateBody } from '../../../../src/modules/tendering/contract.ts';
import { errorMessage } from '../../api.ts';
import { parseForm, zodRule } from '../../shared/forms.ts';
import { categoryLabels, optionsOf } from '../../shared/labels.ts';
import { methodLabels, projectsPath, updateProject, type ProjectView } from './api.ts';
import {
  lotOptionsOf,
  ProgrammeSelect,
  ServiceKindItem,
  shareColumns,
  showFieldErrors,
  TemplateSelect,
} from './fields.tsx';
import { LotsEditor, lotsToForm, lotToRequest, type LotValues } from './LotsEditor.tsx';

interface Values {
  name?: string;
  category?: ProjectView['category'];
  method?: ProjectView['method'];
  methodReason?: string;
  programmeId?: string | null;
  serviceKind?: 'preselected' | 'nonPreselected' | 'ppp' | null;
  templateId?: string | null;
  lots?: LotValues[];
}
const fields = [
  'name',
  'category',
  'method',
  'methodReason',
  'programmeId',
  'serviceKind',
  'templateId',
  'lots',
  'shares',
];

/** 立项 data changed before publication: name, method, lots and each unit's lot; saved with PATCH. */
export function ProjectEditForm({ project, onDone }: { project: ProjectView; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [lotOf, setLotOf] = useState<Record<string, number | null>>(
    Object.fromEntries(project.shares.map((s) => [s.planLineId, s.lotNo])),
  );
  const [error, setError] = useState<string | null>(null);
  const method = Form.useWatch('method', form);
  const category = Form.useWatch('category', form);
  const lots = Form.useWatch('lots', form);
  const resets = project.status === 'linted' || project.status === 'approved';

  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof updateProject>[1]) => updateProject(project.id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData([projectsPath, project.id], saved);
      void queryClient.invalidateQueries({ queryKey: [projectsPath] });
      void message.success(
        resets && saved.status === 'draft'
          ? '立项信息已保存。项目已回到草稿状态，请重新进行文件检查'
          : '立项信息已保存',
      );
      onDone();
    },
    onError: (e) => {
      if (!showFieldErrors(form, fields, e)) setError(errorMessage(e));
    },
  });

  return (
    <Form<Values>
      form={form}
      name="projectEdit"
      layout="vertical"
      disabled={mutation.isPending}
      initialValues={{
        name: project.name,
        category: project.category,
        method: project.method,
        methodReason: project.methodReason ?? '',
        programmeId: project.programmeId,
        serviceKind: project.serviceKind,
        templateId: project.template?.id ?? null,
        lots: lotsToForm(project.lots),
      }}
      onFinish={(v) => {
        setError(null);
        const body = parseForm(form, fields, projectUpdateBody, {
          name: v.name,
          category: v.category,
          method: v.method,
          methodReason: v.methodReason?.trim() ? v.methodReason : null,
          programmeId: v.programmeId ?? null,
          serviceKind: v.category === 'services' ? (v.serviceKind ?? null) : null,
          templateId: v.templateId ?? null,
          lots: (v.lots ?? []).map(lotToRequest),
          shares: project.shares.map((s) => ({
            planLineId: s.planLineId,
            lotNo: lotOf[s.planLineId] ?? null,
            quantity: s.quantity,
            amountFen: s.amountFen,
          })),
        });
        if (body) mutation.mutate(body);
      }}
    >
      {resets && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`项目当前为“${project.statusLabel}”，保存修改后将回到草稿状态，须重新进行文件检查。`}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="项目名称" name="name" required rules={[zodRule(projectBody.shape.name)]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label="采购类别" name="category" rules={[{ required: true, message: '请选择采购类别' }]}>
            <Select options={optionsOf(categoryLabels)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label="采购方式" name="method" rules={[{ required: true, message: '请选择采购方式' }]}>
            <Select options={optionsOf(methodLabels)} />
          </Form.Item>
        </Col>
      </Row>
      {method && method !== 'openTender' && (
        <Form.Item
          label="采购方式理由"
          name="methodReason"
          required
          rules={[
            { required: true, whitespace: true, message: '采用公开招标以外的方式，须说明理由及法律依据' },
          ]}
        >
          <Input.TextArea rows={2} maxLength={1000} showCount />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="所属专项" name="programmeId">
            <ProgrammeSelect />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="招标文件范本" name="templateId">
            <TemplateSelect />
          </Form.Item>
        </Col>
      </Row>
      <ServiceKindItem category={category} />
      <LotsEditor
        planTotalFen={project.shares.reduce((sum, s) => sum + BigInt(s.amountFen), 0n).toString()}
      />
      <Table
        rowKey="planLineId"
        size="small"
        pagination={false}
        style={{ marginBottom: 16 }}
        dataSource={project.shares}
        columns={shareColumns<ProjectView['shares'][number]>(
          (r) => r.planLineId,
          lotOf,
          lotOptionsOf(lots),
          (key, lot) => setLotOf((prev) => ({ ...prev, [key]: lot })),
        )}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          保存立项信息
        </Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}
