import { ArrowLeftOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { FIELD_KINDS, type FieldKind, ZFormDefinition } from '@casearena/contract';
import { Alert, App, Button, Col, Dropdown, Flex, Grid, Popconfirm, Row, Select, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCampaign } from '../../../api/campaigns.ts';
import { ApiError } from '../../../api/client.ts';
import { fetchFormVersion, useCampaignForm, useSaveForm } from '../../../api/organizer.ts';
import { formatDateTime } from '../../../components/format.ts';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { useLang } from '../../../i18n/index.ts';
import { PageError } from '../PageError.tsx';
import { useLeaveGuard } from '../use-leave-guard.tsx';
import { FieldList } from './FieldList.tsx';
import { FormPreview } from './FormPreview.tsx';
import { newField } from './new-field.ts';
import { type FormBase, useFormEditor } from './use-form-editor.ts';

const NO_FORM: FormBase = { version: 0, fields: [] };

/** `/organizer/campaigns/:id/form`: loads the current form, then hands it to the editor. */
export function FormEditorPage() {
  const { id = '' } = useParams();
  const form = useCampaignForm(id);
  const campaign = useCampaign(id);
  // A campaign without a form yet answers 404 for its form: the editor starts empty.
  const noForm = form.error instanceof ApiError && form.error.status === 404 && !campaign.isError;
  // The editor takes its base once, when it opens: wait for this visit's answer rather than a cached one.
  if (!form.isFetchedAfterMount && !noForm) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (form.error && !noForm) return <PageError error={form.error} onRetry={() => void form.refetch()} />;
  return <FormEditor key={id} campaignId={id} campaignTitle={campaign.data?.title ?? ''} initialBase={form.data ?? NO_FORM} />;
}

interface EditorProps {
  campaignId: string;
  campaignTitle: string;
  initialBase: FormBase;
}

function FormEditor({ campaignId, campaignTitle, initialBase }: EditorProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const editor = useFormEditor(campaignId, initialBase, lang);
  const save = useSaveForm(campaignId);
  const [open, setOpen] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [showRestored, setShowRestored] = useState(editor.restored !== null);
  const wide = Grid.useBreakpoint().lg === true;
  const leaveGuard = useLeaveGuard(editor.dirty);

  const addField = (kind: FieldKind) => {
    const field = newField(
      kind,
      {
        field: t(`organizer.editor.kinds.${kind}`),
        option: (n) => t('organizer.editor.newOption', { n }),
        column: (n) => t('organizer.editor.column', { n }),
      },
      editor.fields.map((f) => f.key),
    );
    const item = editor.add(field);
    setOpen((o) => [...o, item.uid]);
  };

  const submit = () => {
    setProblem(null);
    // The version this edit started from: the server refuses the save if someone saved a newer one meanwhile.
    const parsed = ZFormDefinition.safeParse({
      fields: editor.fields,
      ...(editor.base.version > 0 ? { baseVersion: editor.base.version } : {}),
    });
    if (!parsed.success) {
      setProblem(t('organizer.editor.invalid'));
      setOpen((o) => [...new Set([...o, ...[...editor.issues.keys()].map((i) => editor.items[i]?.uid ?? '')])]);
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (saved) => {
        editor.saved(saved);
        setShowRestored(false);
        message.success(t('organizer.editor.saved', { version: saved.version }));
      },
      onError: (err) => {
        setProblem(err.message);
        if (err instanceof ApiError && err.fields.length > 0) {
          editor.refused(err.fields);
          const bad = new Set(err.fields.map((f) => Number(/^fields\.(\d+)/.exec(f.path)?.[1] ?? -1)));
          setOpen((o) => [...new Set([...o, ...editor.items.filter((_, i) => bad.has(i)).map((it) => it.uid)])]);
        }
      },
    });
  };

  const loadVersion = (version: number) => {
    modal.confirm({
      title: t('organizer.editor.loadVersionConfirm', { version }),
      onOk: async () => {
        try {
          const old = await fetchFormVersion(campaignId, version);
          editor.replace(old.fields);
          setOpen([]);
          message.info(t('organizer.editor.loadedVersion', { version }));
        } catch (err) {
          message.error(err instanceof Error ? err.message : t('errors.unknown'));
        }
      },
    });
  };

  const { base, restored } = editor;
  const versions = Array.from({ length: base.version }, (_, i) => base.version - i);

  return (
    <Flex vertical gap={16}>
      {leaveGuard}
      <div>
        <LinkButton to={`/organizer/campaigns/${campaignId}`} type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {campaignTitle || t('organizer.settings')}
        </LinkButton>
      </div>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <Flex align="center" gap={8} wrap="wrap">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('organizer.editor.title')}
          </Typography.Title>
          <Tag>
            {base.version > 0 ? t('organizer.editor.version', { version: base.version }) : t('organizer.editor.noVersion')}
          </Tag>
          {editor.dirty ? (
            <Tag color="warning" data-testid="form-dirty">
              {t('organizer.editor.unsaved')}
            </Tag>
          ) : null}
        </Flex>
        <Flex gap={8} wrap="wrap">
          {versions.length > 1 ? (
            <Select<number>
              style={{ minWidth: 140 }}
              placeholder={t('organizer.editor.versions')}
              value={null}
              options={versions.map((v) => ({ value: v, label: t('organizer.editor.versionLabel', { version: v }) }))}
              onChange={loadVersion}
              aria-label={t('organizer.editor.versions')}
            />
          ) : null}
          {editor.dirty ? (
            <Popconfirm
              title={t('organizer.editor.discardConfirm', { version: base.version })}
              onConfirm={() => {
                editor.discard();
                setShowRestored(false);
                setProblem(null);
              }}
            >
              <Button>{t('organizer.editor.discard')}</Button>
            </Popconfirm>
          ) : null}
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={save.isPending}
            disabled={!editor.dirty}
            title={editor.dirty ? undefined : t('organizer.editor.unchanged')}
            onClick={submit}
            data-testid="form-save"
          >
            {t('organizer.editor.save')}
          </Button>
        </Flex>
      </Flex>
      {showRestored && restored && editor.dirty ? (
        <Alert
          type={restored.baseVersion < base.version ? 'warning' : 'info'}
          showIcon
          closable
          onClose={() => setShowRestored(false)}
          title={
            restored.baseVersion < base.version
              ? t('organizer.editor.restoredStale', {
                  time: formatDateTime(restored.editedAt, lang),
                  draft: restored.baseVersion,
                  current: base.version,
                })
              : t('organizer.editor.restored', { time: formatDateTime(restored.editedAt, lang) })
          }
        />
      ) : null}
      {problem ? <Alert type="error" showIcon role="alert" title={problem} closable onClose={() => setProblem(null)} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Flex vertical gap={12}>
            <Flex justify="space-between" align="center">
              <Typography.Text type="secondary">
                {t('organizer.editor.fieldCount', { count: editor.items.length })}
              </Typography.Text>
              <Dropdown
                menu={{
                  items: FIELD_KINDS.map((k) => ({ key: k, label: t(`organizer.editor.kinds.${k}`) })),
                  onClick: ({ key }) => addField(key as FieldKind),
                }}
              >
                <Button icon={<PlusOutlined />} data-testid="form-add-field">
                  {t('organizer.editor.addField')}
                </Button>
              </Dropdown>
            </Flex>
            <FieldList
              items={editor.items}
              issues={editor.issues}
              open={open}
              onOpen={setOpen}
              onChange={editor.change}
              onMove={editor.move}
              onRemove={editor.remove}
            />
          </Flex>
        </Col>
        <Col xs={24} lg={12}>
          {/* Side by side, the preview stays in view while the field list scrolls, and scrolls on its own. */}
          <div style={wide ? { position: 'sticky', top: 16, maxHeight: 'calc(100vh - 32px)', overflowY: 'auto' } : undefined}>
            <FormPreview fields={editor.fields} />
          </div>
        </Col>
      </Row>
    </Flex>
  );
}
