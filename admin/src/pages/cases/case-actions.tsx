import { useTranslate } from '@refinedev/core';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useEnumLabel } from '../../components/display';
import { StaffPicker } from '../../components/pickers';
import { request } from '../../data/request';
import type { ApiError } from '../../graphql-client';
import { useMe } from '../../hooks/use-me';

export interface AllowedAction {
  action: string;
  label: string;
  to: string;
  blockedReason: string | null;
  requiredFields: { name: string; label: string }[];
}

interface CaseRef {
  id: string;
  version: number;
  ownerId: string | null;
  allowedActions: AllowedAction[];
}

type Dialog = { kind: 'transition'; action: AllowedAction } | { kind: 'assign' } | { kind: 'escalate' };

/** A field a workflow action asks for: enums get a select, amounts a number, the rest text. */
function RequiredFieldInput({ name }: { name: string }) {
  const label = useEnumLabel();
  if (name === 'solutionType') return <Select options={['REPLACE', 'REFUND', 'COMPENSATION', 'APOLOGY', 'COACHING'].map((v) => ({ value: v, label: label('SolutionType', v) }))} />;
  if (/amount/i.test(name)) return <InputNumber min={0} style={{ width: '100%' }} />;
  return <Input.TextArea rows={2} />;
}

/**
 * The workflow's allowed actions for this user as buttons (from the API, so plugin states and
 * transitions appear without admin changes), plus claim, assign and escalate where permitted.
 */
export function CaseActions({ item, onDone }: { item: CaseRef; onDone(): void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { can } = useMe();
  const [dialog, setDialog] = useState<Dialog>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const run = async (name: string, variables: Record<string, unknown>) => {
    setBusy(true);
    try {
      await request(name, variables);
      message.success(t('common.updated'));
      setDialog(undefined);
      form.resetFields();
      onDone();
    } catch (error) {
      message.error((error as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  const transition = (action: AllowedAction, fields?: Record<string, unknown>) => run('TransitionCase', { input: { id: item.id, action: action.action, version: item.version, fields } });

  const submit = async () => {
    const values = await form.validateFields();
    if (dialog?.kind === 'transition') await transition(dialog.action, values);
    if (dialog?.kind === 'assign') await run('AssignCase', { input: { id: item.id, staffUserId: values.staffUserId } });
    if (dialog?.kind === 'escalate') await run('EscalateCase', { input: { id: item.id, reason: values.reason } });
  };

  return (
    <Space wrap data-testid="case-actions">
      {!item.ownerId && can('case:work') && (
        <Button type="primary" loading={busy} data-testid="action-claim" onClick={() => run('ClaimCase', { id: item.id })}>
          {t('buttons.claim')}
        </Button>
      )}
      {item.allowedActions.map((action) => (
        <Tooltip key={action.action} title={action.blockedReason ?? undefined}>
          <Button
            data-testid={`action-${action.action}`}
            disabled={!!action.blockedReason}
            loading={busy}
            onClick={() => (action.requiredFields.length ? setDialog({ kind: 'transition', action }) : transition(action))}
          >
            {t(`caseActions.${action.action}`, action.label)}
          </Button>
        </Tooltip>
      ))}
      {can('case:assign') && <Button data-testid="action-assign" onClick={() => setDialog({ kind: 'assign' })}>{t('buttons.assign')}</Button>}
      {can('case:escalate') && <Button danger data-testid="action-escalate" onClick={() => setDialog({ kind: 'escalate' })}>{t('buttons.escalate')}</Button>}
      <Modal
        open={!!dialog}
        title={dialog?.kind === 'transition' ? t(`caseActions.${dialog.action.action}`, dialog.action.label) : dialog?.kind === 'assign' ? t('buttons.assign') : t('buttons.escalate')}
        onCancel={() => setDialog(undefined)}
        onOk={() => void submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.kind === 'transition' &&
            dialog.action.requiredFields.map((field) => (
              <Form.Item key={field.name} name={field.name} label={t(`caseFields.${field.name}`, field.label)} rules={[{ required: true }]}>
                <RequiredFieldInput name={field.name} />
              </Form.Item>
            ))}
          {dialog?.kind === 'transition' && dialog.action.requiredFields.some((f) => f.name === 'solutionType') && (
            <Form.Item name="solutionAmount" label={t('caseFields.solutionAmount')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {dialog?.kind === 'assign' && (
            <Form.Item name="staffUserId" label={t('cases.assignTo')} rules={[{ required: true }]}>
              <StaffPicker />
            </Form.Item>
          )}
          {dialog?.kind === 'escalate' && (
            <Form.Item name="reason" label={t('cases.escalateReason')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
