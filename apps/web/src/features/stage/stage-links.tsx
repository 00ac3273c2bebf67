import type { TStageList, TStageState } from '@casearena/contract';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { LinkButton } from '../../components/LinkButton.tsx';

type Summary = TStageList['stages'][number];

export const STATE_COLORS = {
  draft: 'default',
  drawn: 'cyan',
  waiting: 'blue',
  presenting: 'processing',
  qa: 'processing',
  scoring: 'orange',
  revealed: 'purple',
  finished: 'green',
  frozen: 'success',
} as const satisfies Record<TStageState, string>;

/** What the caller opens: the host the console and the big screen, a judge their phone page. */
export function StageOpen({ stage }: { stage: Summary }) {
  const { t } = useTranslation();
  return stage.role === 'host' ? (
    <Flex gap={8} wrap="wrap">
      <LinkButton to={`/stages/${stage.id}/host`} type="primary" size="small" data-testid={`stage-open-host-${stage.id}`}>
        {t('stage.list.console')}
      </LinkButton>
      <Button size="small" href={`/stages/${stage.id}/screen`} target="_blank" data-testid={`stage-open-screen-${stage.id}`}>
        {t('stage.list.screen')}
      </Button>
    </Flex>
  ) : (
    <LinkButton to={`/stages/${stage.id}/judge`} type="primary" size="small" data-testid={`stage-open-judge-${stage.id}`}>
      {t('stage.list.phone')}
    </LinkButton>
  );
}
