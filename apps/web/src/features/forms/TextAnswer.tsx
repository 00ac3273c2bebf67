import { CheckOutlined } from '@ant-design/icons';
import { countChars } from '@casearena/contract';
import { Flex, Input, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldOf } from './answers.ts';

interface Props {
  field: FieldOf<'short_text'> | FieldOf<'long_text'>;
  value: unknown;
  onChange(value: string): void;
  id: string;
  invalid: boolean;
}

/**
 * Text with a live count as the server counts it (each CJK character one, whitespace none), so the number the
 * applicant sees is the number the limit applies to. No maxLength: the browser would count differently and cut
 * pasted text silently; going over shows a message instead.
 */
export function TextAnswer({ field, value, onChange, id, invalid }: Props) {
  const { t } = useTranslation();
  const text = typeof value === 'string' ? value : '';
  const count = countChars(text);
  const over = count > field.maxChars;
  const status = invalid ? 'error' : undefined;
  const counter = (
    <Typography.Text type={over ? 'danger' : 'secondary'} style={{ fontSize: 12, whiteSpace: 'nowrap' }} aria-live="polite">
      {t('forms.chars', { count, max: field.maxChars })}
      {field.kind === 'long_text' && field.minChars > 0 ? t('forms.charsMin', { min: field.minChars }) : null}
    </Typography.Text>
  );
  if (field.kind === 'short_text') {
    return (
      <Flex vertical gap={4}>
        <Input id={id} value={text} status={status} onChange={(e) => onChange(e.target.value)} data-testid={id} />
        <Flex justify="flex-end">{counter}</Flex>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={4}>
      {field.sections.length > 0 ? (
        <Flex wrap="wrap" gap={4} align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('forms.sectionsHint')}
          </Typography.Text>
          {field.sections.map((s) => {
            const present = text.includes(s);
            return (
              <Tag key={s} color={present ? 'success' : 'default'} icon={present ? <CheckOutlined /> : undefined}>
                {s}
              </Tag>
            );
          })}
        </Flex>
      ) : null}
      <Input.TextArea
        id={id}
        value={text}
        status={status}
        autoSize={{ minRows: 4, maxRows: 20 }}
        onChange={(e) => onChange(e.target.value)}
        data-testid={id}
      />
      <Flex justify="flex-end">{counter}</Flex>
    </Flex>
  );
}
