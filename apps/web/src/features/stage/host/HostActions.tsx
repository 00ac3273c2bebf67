import { STAGE_ACTIONS, type TStageAction, type TStageHostView } from '@casearena/contract';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonDialog } from '../ReasonDialog.tsx';
import { useHostStep } from './use-host-step.ts';

/** The steps that move the final on; pause/resume and a re-draw sit beside them as secondary buttons. */
const MAIN = new Set<TStageAction>(['draw', 'start', 'present', 'qa', 'score', 'reveal', 'next', 'finish', 'freeze']);

/**
 * The host's buttons: exactly those whose ability in the host view is true (the server decides what is next; the
 * console restates no state table). A re-draw asks for a reason; reopen lives on the judge's row. No extra confirm
 * on finish or freeze: the server refuses both until every finalist is revealed, and a live hall cannot wait on
 * a second click.
 */
export function HostActions({ view }: { view: TStageHostView }) {
  const { t } = useTranslation();
  const step = useHostStep(view);
  const [redraw, setRedraw] = useState(false);
  const [absent, setAbsent] = useState(false);
  const shown = STAGE_ACTIONS.filter((a) => a !== 'reopen' && view.abilities[a] === true);
  // A judge's phone died or they left: the host may reveal without them, with a reason (audited, X-3). Once that
  // judge scores after all the ability goes and the dialog with it: the plain reveal is offered instead.
  const canRevealAbsent = view.abilities.revealAbsent === true;
  const missing = view.progress.filter((p) => p.status === 'waiting').map((p) => p.name);
  return (
    <Flex gap={8} wrap="wrap" data-testid="stage-actions">
      {shown.map((a) => {
        const loading = step.pending && step.action === a;
        return (
          <Button
            key={a}
            type={MAIN.has(a) ? 'primary' : 'default'}
            size="large"
            loading={loading}
            disabled={step.pending && !loading}
            data-testid={`stage-action-${a}`}
            onClick={a === 'redraw' ? () => setRedraw(true) : () => void step.run(a)}
          >
            {t(`stage.actions.${a}`)}
          </Button>
        );
      })}
      {canRevealAbsent ? (
        <Button
          danger
          size="large"
          loading={step.pending && step.action === 'reveal'}
          disabled={step.pending && step.action !== 'reveal'}
          data-testid="stage-action-reveal-absent"
          onClick={() => setAbsent(true)}
        >
          {t('stage.host.revealAbsent')}
        </Button>
      ) : null}
      <ReasonDialog
        open={absent && canRevealAbsent}
        title={t('stage.host.reasonTitleRevealAbsent', { names: missing.join('、') })}
        loading={step.pending && step.action === 'reveal'}
        onCancel={() => setAbsent(false)}
        onOk={(reason) =>
          void step.run('reveal', { reason }).then((ok) => {
            if (ok) setAbsent(false);
          })
        }
      />
      <ReasonDialog
        open={redraw}
        title={t('stage.host.reasonTitleRedraw')}
        loading={step.pending && step.action === 'redraw'}
        onCancel={() => setRedraw(false)}
        onOk={(reason) =>
          void step.run('redraw', { reason }).then((ok) => {
            if (ok) setRedraw(false);
          })
        }
      />
    </Flex>
  );
}
