import { fieldMessage, type TScreeningInput, ZScreeningInput } from '@casearena/contract';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { zodRule } from '../../components/zod-form.ts';
import { useLang } from '../../i18n/index.ts';

export type ReasonedDecision = 'return' | 'exclude';

/** Today's calendar date in Beijing ('YYYY-MM-DD'), whatever the device's time zone. */
export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** S3-5: a returned entry gets five days to be corrected unless the screener says otherwise. */
const DEFAULT_CORRECTION_DAYS = 5;

const [, RETURN, EXCLUDE] = ZScreeningInput.options;

interface Values {
  reasons: string;
  suggestions?: string;
  correctionDeadline?: string;
}

interface Props {
  decision: ReasonedDecision | null;
  /** What is being decided, e.g. the entry's number and title, or "3 entries". */
  subject: string;
  busy: boolean;
  problem: string | null;
  onCancel(): void;
  onConfirm(input: TScreeningInput): void;
}

/** Returning or excluding names reasons the applicant reads; a return also sets the correction deadline. */
export function DecisionModal({ decision, subject, busy, problem, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const open = decision !== null;

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (decision === 'return') {
      onConfirm({
        decision: 'return',
        reasons: v.reasons.trim(),
        suggestions: (v.suggestions ?? '').trim(),
        correctionDeadline: v.correctionDeadline ?? addDays(shanghaiToday(), DEFAULT_CORRECTION_DAYS),
      });
    } else onConfirm({ decision: 'exclude', reasons: v.reasons.trim() });
  };

  return (
    <Modal
      open={open}
      title={decision === 'return' ? t('screening.returnTitle') : t('screening.excludeTitle')}
      okText={decision === 'return' ? t('screening.return') : t('screening.exclude')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: decision === 'exclude', loading: busy, 'data-testid': 'decision-confirm' }}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{subject}</Typography.Paragraph>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        name="screening-decision"
        preserve={false}
        initialValues={{ correctionDeadline: addDays(shanghaiToday(), DEFAULT_CORRECTION_DAYS) }}
      >
        <Form.Item
          label={decision === 'return' ? t('screening.reasons') : t('screening.excludeReasons')}
          name="reasons"
          rules={[zodRule((decision === 'return' ? RETURN : EXCLUDE).shape.reasons, lang, { required: true })]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder={t('screening.reasonsPlaceholder')}
            data-testid="decision-reasons"
            autoFocus
          />
        </Form.Item>
        {decision === 'return' ? (
          <>
            <Form.Item label={t('screening.suggestions')} name="suggestions" rules={[zodRule(RETURN.shape.suggestions, lang)]}>
              <Input.TextArea
                rows={3}
                maxLength={1000}
                showCount
                placeholder={t('screening.suggestionsPlaceholder')}
                data-testid="decision-suggestions"
              />
            </Form.Item>
            <Form.Item
              label={t('screening.correctionDeadline')}
              name="correctionDeadline"
              rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: fieldMessage('INVALID', lang) }]}
            >
              {/* The native picker: a phone shows its own calendar, and the value is already YYYY-MM-DD. */}
              <Input type="date" min={shanghaiToday()} data-testid="decision-deadline" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
