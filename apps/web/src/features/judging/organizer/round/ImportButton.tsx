import { Alert, Button, Flex, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportPlan } from '../../../../api/judging-round.ts';
import { useLang } from '../../../../i18n/index.ts';
import { importErrorLines } from './round-errors.ts';

/**
 * Uploads an edited assignment workbook; the server turns it into an ordinary plan to preview (issue 10 item 3). A
 * refused file lists every bad row at once, so the organizer corrects the workbook in one pass.
 */
export function ImportButton({ roundId, onPlanned }: { roundId: string; onPlanned: (planId: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const importPlan = useImportPlan(roundId);
  const [percent, setPercent] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const send = (file: File) => {
    setErrors([]);
    setPercent(0);
    importPlan.mutate(
      { file, onProgress: setPercent },
      {
        onSuccess: (plan) => onPlanned(plan.id),
        onError: (err) => setErrors(importErrorLines(err, lang)),
        onSettled: () => setPercent(null),
      },
    );
  };

  return (
    <Flex vertical gap={8} style={{ minWidth: 0 }}>
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        showUploadList={false}
        beforeUpload={(file) => {
          send(file);
          return false;
        }}
      >
        <Button loading={importPlan.isPending} data-testid="assignments-import">
          {percent !== null ? t('judgingRound.assign.importing', { percent }) : t('judgingRound.assign.importXlsx')}
        </Button>
      </Upload>
      {errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setErrors([]) }}
          data-testid="import-errors"
          title={t('judgingRound.assign.importErrors')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {errors.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Flex>
  );
}
