import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TJudgeView } from '@casearena/contract';
import { Alert, App, Button, Col, Flex, Form, Input, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client.ts';
import { refetchPool, useDeclareConflicts } from '../../../../api/judging-setup.ts';
import { OrgPicker } from '../../../../components/OrgPicker.tsx';
import { errorText } from './refusals.ts';

interface ConflictValues {
  items: Array<{ organizationId: string | null; note: string }>;
}

/**
 * The units an expert works for or is tied to, edited as the whole set the API takes. A refusal keeps the
 * dialog open with every row as typed; field errors (`items.2.organizationId`: DUPLICATE) show under their row.
 */
export function ConflictsDialog({
  organizerId,
  judge,
  onClose,
}: {
  organizerId: string;
  judge: TJudgeView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConflictValues>();
  const declare = useDeclareConflicts(organizerId);
  const [problem, setProblem] = useState<string | null>(null);
  const known = new Map(judge.conflicts.map((c) => [c.organization.id, c.organization]));

  const submit = (values: ConflictValues) => {
    setProblem(null);
    const items = (values.items ?? [])
      .filter((i) => i?.organizationId)
      .map((i) => ({ organizationId: i.organizationId as string, note: i.note?.trim() ?? '' }));
    declare.mutate(
      { judgeId: judge.id, body: { items, version: judge.version } },
      {
        onSuccess: () => {
          message.success(t('judgingOrganizer.conflicts.saved'));
          onClose();
        },
        onError: (err) => {
          const fields = err instanceof ApiError ? err.fields : [];
          form.setFields(
            fields.flatMap((f) => {
              const [, index, leaf] = f.path.split('.');
              return index !== undefined && leaf
                ? [{ name: ['items', Number(index), leaf] as ['items', number, 'organizationId'], errors: [f.message] }]
                : [];
            }),
          );
          if (err instanceof ApiError && err.code === 'STALE_VERSION') void refetchPool(organizerId);
          setProblem(errorText('pool', err));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('judgingOrganizer.conflicts.title', { name: judge.name })}
      okText={t('judgingOrganizer.conflicts.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={declare.isPending}
      width={640}
      okButtonProps={{ 'data-testid': 'conflicts-save' }}
    >
      <Typography.Paragraph type="secondary">{t('judgingOrganizer.conflicts.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ items: judge.conflicts.map((c) => ({ organizationId: c.organization.id, note: c.note })) }}
      >
        <Form.List name="items">
          {(items, { add, remove }) => (
            <Flex vertical gap={4}>
              {items.length === 0 ? (
                <Typography.Text type="secondary">{t('judgingOrganizer.conflicts.none')}</Typography.Text>
              ) : null}
              {items.map(({ key, name }) => {
                const id = form.getFieldValue(['items', name, 'organizationId']) as string | null;
                return (
                  <Row key={key} gutter={8} align="bottom">
                    <Col xs={24} sm={13}>
                      <Form.Item label={t('judgingOrganizer.conflicts.unit')} name={[name, 'organizationId']}>
                        <OrgPicker initial={id ? (known.get(id) ?? null) : null} data-testid={`conflict-org-${name}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} sm={9}>
                      <Form.Item label={t('judgingOrganizer.conflicts.note')} name={[name, 'note']}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} sm={2}>
                      <Form.Item>
                        <Button
                          danger
                          type="text"
                          icon={<DeleteOutlined />}
                          onClick={() => remove(name)}
                          aria-label={t('common.remove')}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                );
              })}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  disabled={items.length >= 50}
                  onClick={() => add({ organizationId: null, note: '' })}
                >
                  {t('judgingOrganizer.conflicts.add')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginTop: 12 }} /> : null}
      </Form>
    </Modal>
  );
}
