import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { TCertificationView as TCertification } from '@casearena/contract';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueueViewProps } from './queue-view.ts';

type Props = Pick<QueueViewProps, 'approvingId' | 'onApprove' | 'onReject'> & {
  cert: TCertification;
  /** Full-width buttons, for a thumb on a phone. */
  block?: boolean;
};

/** Approve at once; reject opens the modal that asks for the reason. */
export function QueueActions({ cert, approvingId, onApprove, onReject, block }: Props) {
  const { t } = useTranslation();
  const grow = block ? { flex: 1 } : undefined;
  return (
    <Flex gap={8}>
      <Button
        type="primary"
        size={block ? 'middle' : 'small'}
        icon={<CheckOutlined />}
        loading={approvingId === cert.id}
        onClick={() => onApprove(cert)}
        data-testid={`cert-approve-${cert.id}`}
        style={grow}
      >
        {t('admin.approve')}
      </Button>
      <Button
        danger
        size={block ? 'middle' : 'small'}
        icon={<CloseOutlined />}
        onClick={() => onReject(cert)}
        data-testid={`cert-reject-${cert.id}`}
        style={grow}
      >
        {t('admin.reject')}
      </Button>
    </Flex>
  );
}
