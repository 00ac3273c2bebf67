import { BarChartOutlined, LockOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { RoundStatus, TRoundView } from '@casearena/contract';
import { App, Button, Flex, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRoundStatus } from '../../../../api/judging-setup.ts';
import { LinkButton } from '../../../../components/LinkButton.tsx';
import { abilityText, errorText } from './refusals.ts';

export const ROUND_STATUS_COLORS = {
  draft: 'default',
  open: 'processing',
  closed: 'warning',
  frozen: 'success',
} as const satisfies Record<RoundStatus, string>;

interface Props {
  campaignId: string;
  /** The round as the server holds it; undefined for a round not saved yet. */
  round: TRoundView | undefined;
  /** Unsaved changes on the page: opening or closing acts on the saved set, so save first. */
  dirty: boolean;
  onChanged: (round: TRoundView) => void;
}

/**
 * A saved round's status, its entries and its page, and the open/close steps the server's abilities allow. A refused
 * open that is still the round's next step (a phase not begun, a source round not frozen) says why beside the button
 * (a phone has no hover for a tooltip).
 */
export function RoundStatusActions({ campaignId, round, dirty, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const change = useRoundStatus(campaignId);
  if (!round) return null;
  const { open, close } = round.abilities;
  const run = (verb: 'open' | 'close') =>
    change.mutateAsync({ roundId: round.id, verb }).then(
      (r) => {
        message.success(t(verb === 'open' ? 'judgingOrganizer.rounds.opened' : 'judgingOrganizer.rounds.closed'));
        onChanged(r);
      },
      (err: unknown) => void message.error(errorText(verb, err)),
    );
  const openWhy = abilityText('open', open);
  const showOpen =
    open === true || (close !== true && open !== 'FORBIDDEN' && (open !== 'WRONG_STATUS' || round.status === 'draft'));
  const label = round.label;
  return (
    <Flex gap={8} align="center" wrap="wrap">
      <Tag color={ROUND_STATUS_COLORS[round.status]} data-testid={`round-status-${round.key}`}>
        {t(`judgingOrganizer.rounds.status.${round.status}`)}
      </Tag>
      {round.status !== 'draft' ? <Tag>{t('judgingOrganizer.rounds.entryCount', { count: round.entryCount })}</Tag> : null}
      {showOpen ? (
        <Tooltip title={dirty ? t('judgingOrganizer.rounds.saveFirst') : null}>
          <span>
            <Popconfirm
              title={t('judgingOrganizer.rounds.openConfirm', { label })}
              disabled={open !== true || dirty}
              onConfirm={() => run('open')}
            >
              <Button
                size="small"
                type="primary"
                icon={<PlayCircleOutlined />}
                disabled={open !== true || dirty}
                loading={change.isPending && change.variables?.verb === 'open'}
                data-testid={`round-open-${round.key}`}
              >
                {t(round.status === 'closed' ? 'judgingOrganizer.rounds.reopen' : 'judgingOrganizer.rounds.open')}
              </Button>
            </Popconfirm>
          </span>
        </Tooltip>
      ) : null}
      {showOpen && openWhy !== true ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`round-open-why-${round.key}`}>
          {openWhy}
        </Typography.Text>
      ) : null}
      {close === true ? (
        <Tooltip title={dirty ? t('judgingOrganizer.rounds.saveFirst') : null}>
          <span>
            <Popconfirm
              title={t('judgingOrganizer.rounds.closeConfirm', { label })}
              disabled={dirty}
              onConfirm={() => run('close')}
            >
              <Button
                size="small"
                danger
                icon={<LockOutlined />}
                disabled={dirty}
                loading={change.isPending && change.variables?.verb === 'close'}
                data-testid={`round-close-${round.key}`}
              >
                {t('judgingOrganizer.rounds.close')}
              </Button>
            </Popconfirm>
          </span>
        </Tooltip>
      ) : null}
      <LinkButton
        size="small"
        to={`/organizer/judging/rounds/${round.id}`}
        icon={<BarChartOutlined />}
        data-testid={`round-link-${round.key}`}
      >
        {t('judgingOrganizer.rounds.manage')}
      </LinkButton>
    </Flex>
  );
}
