import { type Answers, checkAnswers, type TFormField } from '@casearena/contract';
import { Button, Card, Flex, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormRenderer } from '../../forms/FormRenderer.tsx';

/**
 * The form as applicants will see it, to try out while editing. Answers typed here stay in memory only; answers
 * to fields that were removed or renamed are dropped before checking, so the preview never blames a stale key.
 */
export function FormPreview({ fields }: { fields: TFormField[] }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Answers>({});
  const [asSubmit, setAsSubmit] = useState(true);
  // Two fields with one key are an editor error (shown there); the preview draws the first of them.
  const shown = useMemo(() => fields.filter((f, i) => fields.findIndex((g) => g.key === f.key) === i), [fields]);
  const current = useMemo(
    () => Object.fromEntries(Object.entries(answers).filter(([k]) => shown.some((f) => f.key === k))),
    [answers, shown],
  );
  const problems = useMemo(() => checkAnswers(shown, current, asSubmit ? 'submit' : 'draft'), [shown, current, asSubmit]);
  return (
    <Card
      title={t('organizer.editor.preview')}
      extra={
        <Button size="small" onClick={() => setAnswers({})}>
          {t('organizer.editor.clearPreview')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('organizer.editor.previewHint')}</Typography.Text>
        <Flex gap={8} align="center">
          <Switch id="preview-submit" size="small" checked={asSubmit} onChange={setAsSubmit} />
          <label htmlFor="preview-submit">{t('organizer.editor.checkSubmit')}</label>
        </Flex>
        <FormRenderer fields={shown} answers={current} onChange={setAnswers} problems={problems} />
      </Flex>
    </Card>
  );
}
