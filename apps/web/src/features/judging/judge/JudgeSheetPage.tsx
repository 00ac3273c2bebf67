import { ArrowLeftOutlined } from '@ant-design/icons';
import { checkSheet, type TJudgeAssignment, type TSheetAnswer } from '@casearena/contract';
import { Alert, Card, Col, Flex, Grid, Row, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { invalidateMyAssignments, judgingJudgeKeys, useJudgeAssignment } from '../../../api/judging-judge.ts';
import { queryClient } from '../../../api/query-client.ts';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { useLang } from '../../../i18n/index.ts';
import { ProgressTag, progressOf } from './JudgeHomePage.tsx';
import { RoundDeadline } from './RoundDeadline.tsx';
import { SaveStateBadge } from './SaveStateBadge.tsx';
import { liveTotal, ScoreSheetForm } from './ScoreSheetForm.tsx';
import { SheetActions } from './SheetActions.tsx';
import { SheetConflict } from './SheetConflict.tsx';
import { SheetMaterials } from './SheetMaterials.tsx';
import { problemText } from './sheet-messages.ts';
import { useSheetAutosave } from './use-sheet-autosave.ts';

/** One entry for one judge: the materials and the score sheet, which saves itself (use-sheet-autosave.ts). */
function SheetWorkspace({ data: loaded }: { data: TJudgeAssignment }) {
  const { t } = useTranslation();
  const lang = useLang();
  const wide = Grid.useBreakpoint().lg === true;
  const [answer, setAnswer] = useState<TSheetAnswer>({ sheet: loaded.sheet, abilities: loaded.abilities });
  const [submitTried, setSubmitTried] = useState(false);
  const data: TJudgeAssignment = { ...loaded, ...answer };
  const { assignmentId, spec } = data;

  const onAnswer = useCallback(
    (next: TSheetAnswer) => {
      setAnswer(next);
      queryClient.setQueryData<TJudgeAssignment>(judgingJudgeKeys.assignment(assignmentId), (old) =>
        old ? { ...old, ...next } : old,
      );
      void invalidateMyAssignments();
    },
    [assignmentId],
  );

  const autosave = useSheetAutosave({
    assignmentId,
    spec,
    server: loaded.sheet,
    canSave: loaded.sheet.status === 'draft' && loaded.abilities.save === true,
    onAnswer,
  });
  const readOnly = autosave.state === 'locked' || answer.sheet.status !== 'draft' || answer.abilities.save !== true;
  const problems = useMemo(
    () => checkSheet(spec, autosave.draft, submitTried ? 'submit' : 'draft'),
    [spec, autosave.draft, submitTried],
  );
  const total = liveTotal(spec, autosave.draft.scores).total;

  const sheet = (
    <Card
      title={t('judgingJudge.sheet')}
      data-testid="score-sheet"
      extra={<ProgressTag progress={progressOf(answer.sheet)} testId="sheet-status" />}
      styles={{ body: { padding: wide ? undefined : 12 } }}
    >
      <Flex vertical gap={12}>
        {answer.sheet.status === 'submitted' ? (
          <Alert type="success" showIcon title={t('judgingJudge.submitted')} data-testid="sheet-submitted" />
        ) : null}
        {answer.sheet.status === 'abstained' ? (
          <Alert
            type="info"
            showIcon
            title={t('judgingJudge.abstained')}
            description={
              answer.sheet.abstainReason ? t('judgingJudge.abstainedReason', { reason: answer.sheet.abstainReason }) : null
            }
            data-testid="sheet-abstained"
          />
        ) : null}
        {answer.sheet.status === 'draft' ? (
          <SaveStateBadge
            state={autosave.state}
            savedAt={answer.sheet.savedAt}
            refusal={autosave.refusal?.message ?? null}
            stored={autosave.stored}
          />
        ) : null}
        {answer.sheet.status === 'abstained' ? null : (
          <ScoreSheetForm spec={spec} draft={autosave.draft} readOnly={readOnly} problems={problems} onChange={autosave.change} />
        )}
        {submitTried && problems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            data-testid="sheet-problems"
            title={t('judgingJudge.fixBeforeSubmit')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {problems.map((p) => (
                  <li key={`${p.code}-${JSON.stringify(p.params)}`}>{problemText(p, spec, lang)}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        {answer.sheet.status === 'draft' ? (
          <SheetActions
            data={data}
            abilities={answer.abilities}
            total={total}
            busy={autosave.state === 'conflict'}
            onTrySubmit={() => {
              setSubmitTried(true);
              return checkSheet(spec, autosave.draft, 'submit').length === 0;
            }}
            submit={autosave.submit}
            onAbstained={(next) => {
              autosave.lock();
              onAnswer(next);
            }}
          />
        ) : null}
      </Flex>
      {autosave.conflict ? (
        <SheetConflict
          conflict={autosave.conflict}
          spec={spec}
          onKeepMine={autosave.keepMine}
          onTakeTheirs={autosave.takeTheirs}
        />
      ) : null}
    </Card>
  );

  const materials = (
    <Card title={t('judgingJudge.materials')} styles={{ body: { padding: wide ? undefined : 12 } }}>
      <SheetMaterials assignmentId={assignmentId} entry={data.entry} />
    </Card>
  );

  return (
    <Flex vertical gap={12}>
      <div>
        <LinkButton to="/judging" type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('judgingJudge.back')}
        </LinkButton>
      </div>
      <Flex vertical gap={4}>
        <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="sheet-entry-title">
          {data.entry.title}
        </Typography.Title>
        <Flex gap={6} wrap="wrap" align="center">
          <Typography.Text type="secondary">
            {data.round.label} · {data.entry.number ?? t('judgingJudge.noNumber')} · {data.entry.theme.code}{' '}
            {data.entry.theme.title}
          </Typography.Text>
          {data.entry.track ? <Tag>{data.entry.track}</Tag> : null}
        </Flex>
        <RoundDeadline round={data.round} testId="sheet-deadline" />
        {data.round.blind ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('judgingJudge.blindHint')}
          </Typography.Text>
        ) : null}
      </Flex>
      {/* One tree for both widths: a breakpoint that settles after the first render must not remount the materials
          (the PDF would load again). */}
      <Row gutter={[16, 12]} align="top">
        <Col xs={24} lg={14}>
          {materials}
        </Col>
        <Col xs={24} lg={10} style={wide ? { position: 'sticky', top: 16 } : undefined}>
          {sheet}
        </Col>
      </Row>
    </Flex>
  );
}

export function JudgeSheetPage() {
  const { t } = useTranslation();
  const { assignmentId = '' } = useParams();
  const query = useJudgeAssignment(assignmentId);
  if (query.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.code === 'NOT_FOUND';
    return (
      <Flex vertical gap={12}>
        <Alert
          type="error"
          showIcon
          data-testid="sheet-load-error"
          title={notFound ? t('judgingJudge.notFound') : query.error.message}
        />
        <div>
          <LinkButton to="/judging">{t('judgingJudge.back')}</LinkButton>
        </div>
      </Flex>
    );
  }
  return <SheetWorkspace key={assignmentId} data={query.data} />;
}
