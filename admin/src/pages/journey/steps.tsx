import { useTranslate } from '@refinedev/core';
import { Button, Input, Modal, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useGqlMutation } from '../../hooks/use-gql';

export interface StepOrder {
  id: string;
  version: number;
  allowedActions: { action: string; requiredFields: string[]; blockedReason: string | null }[];
}

/**
 * The steps a user may take on a test order, as buttons, and the dialog that asks for what a
 * step needs (a reason, the summary, a tracking number) before taking it. `done` runs after a step.
 */
export function useTestOrderSteps(done: () => Promise<unknown>): { buttons(order: StepOrder): ReactNode; dialog: ReactNode } {
  const t = useTranslate();
  const take = useGqlMutation<{ takeTestOrderAction: { id: string } }>('TakeTestOrderAction', { success: 'journey.stepTaken' });
  const [asking, setAsking] = useState<{ order: StepOrder; action: string; field: string } | null>(null);
  const [text, setText] = useState('');

  const run = async (order: StepOrder, action: string, values: Record<string, string> = {}) => {
    if (await take.run({ input: { id: order.id, version: order.version, action, ...values } })) await done();
  };
  const start = (order: StepOrder, action: string, requiredFields: string[]) => {
    const field = requiredFields[0];
    if (!field) return void run(order, action);
    setText('');
    setAsking({ order, action, field });
  };

  return {
    buttons: (order) => (
      <Space wrap>
        {order.allowedActions.map((a) => (
          <Button key={a.action} size="small" disabled={!!a.blockedReason || take.loading} data-testid={`journey-action-${a.action}`} onClick={() => start(order, a.action, a.requiredFields)}>
            {t(`journey.stepActions.${a.action}`, a.action)}
          </Button>
        ))}
      </Space>
    ),
    dialog: (
      <Modal
        open={!!asking}
        title={asking ? t(`journey.stepActions.${asking.action}`, asking.action) : ''}
        okText={t('journey.confirm')}
        cancelText={t('journey.cancel')}
        okButtonProps={{ disabled: !text.trim(), loading: take.loading }}
        onCancel={() => setAsking(null)}
        onOk={async () => {
          if (!asking) return;
          await run(asking.order, asking.action, { [asking.field]: text.trim() });
          setAsking(null);
        }}
      >
        <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={asking ? t(`journey.fields.${asking.field}`, asking.field) : ''} data-testid="journey-step-text" />
      </Modal>
    ),
  };
}
