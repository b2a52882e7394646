import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useEnumLabel } from '../../components/display';
import { StaffPicker } from '../../components/pickers';
import { request } from '../../data/request';
import { blockedText, errorText } from '../../data/errors';
import { useApiForm } from '../../hooks/use-api-form';
import type { ApiError } from '../../graphql-client';
import { useMe } from '../../hooks/use-me';

export interface AllowedAction {
  action: string;
  label: string;
  to: string;
  blockedReason: string | null;
  blockedReasonCode?: string | null;
  blockedParams?: Record<string, unknown> | null;
  requiredFields: { name: string; label: string }[];
}

interface CaseRef {
  id: string;
  version: number;
  ownerId: string | null;
  allowedActions: AllowedAction[];
}

type Dialog = { kind: 'transition'; action: AllowedAction } | { kind: 'assign' } | { kind: 'escalate' };

/**
 * A field a workflow action asks for: enums get a select, amounts a number, the rest text.
 * Form.Item hands its child `value`/`onChange`; they must reach the input or the form never sees what was typed.
 */
function RequiredFieldInput({ name, ...control }: { name: string; value?: unknown; onChange?: (value: unknown) => void; id?: string }) {
  const label = useEnumLabel();
  const props = { ...control, 'data-testid': `field-${name}` } as Record<string, unknown>;
  if (name === 'solutionType') return <Select {...props} options={['REPLACE', 'REFUND', 'COMPENSATION', 'APOLOGY', 'COACHING'].map((v) => ({ value: v, label: label('SolutionType', v) }))} />;
  if (/amount/i.test(name)) return <InputNumber {...props} min={0} style={{ width: '100%' }} />;
  return <Input.TextArea {...props} rows={2} />;
}

/** The success notice for an action ("已受理", "已升级至主管"), never a bare "updated". */
function useDoneText() {
  const t = useTranslate();
  const label = useEnumLabel();
  return (action: string, params: Record<string, unknown> = {}) => {
    const level = typeof params.level === 'string' ? label('EscalationLevel', params.level) : '';
    return t(`caseDone.${action}`, { ...params, level }, t('caseDone.default', { action: t(`caseActions.${action}`, action) }));
  };
}

/**
 * The workflow's allowed actions for this user as buttons (from the API, so plugin states and
 * transitions appear without admin changes), plus claim, assign and escalate where permitted.
 * Actions with fields open a dialog; the API's field errors show under the field they concern.
 */
export function CaseActions({ item, onDone }: { item: CaseRef; onDone(): void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { can } = useMe();
  const done = useDoneText();
  const [dialog, setDialog] = useState<Dialog>();
  const [busy, setBusy] = useState(false);
  const { form, submit: send, formError, loading, reset } = useApiForm(['', 'input', 'fields']);

  const succeeded = (text: string) => {
    message.success(text);
    setDialog(undefined);
    onDone();
  };

  /** One-click actions: no form, so errors go to a message. */
  const runDirect = async (name: string, variables: Record<string, unknown>, action: string) => {
    setBusy(true);
    try {
      await request(name, variables);
      succeeded(done(action));
    } catch (error) {
      message.error(errorText(error as ApiError, t));
    } finally {
      setBusy(false);
    }
  };

  const transition = (action: AllowedAction) => runDirect('TransitionCase', { input: { id: item.id, action: action.action, version: item.version } }, action.action);

  const submit = async (values: Record<string, unknown>) => {
    if (dialog?.kind === 'transition') {
      const result = await send('TransitionCase', { input: { id: item.id, action: dialog.action.action, version: item.version, fields: values } });
      if (result) succeeded(done(dialog.action.action));
    }
    if (dialog?.kind === 'assign') {
      const result = await send<{ assignCase: { owner: { displayName: string } | null } }>('AssignCase', { input: { id: item.id, staffUserId: values.staffUserId } });
      if (result) succeeded(done('assign', { name: result.assignCase.owner?.displayName ?? '' }));
    }
    if (dialog?.kind === 'escalate') {
      const result = await send<{ escalateCase: { escalationLevel: string } }>('EscalateCase', { input: { id: item.id, reason: values.reason } });
      if (result) succeeded(done('escalate', { level: result.escalateCase.escalationLevel }));
    }
  };

  const open = (next: Dialog) => {
    reset();
    form.resetFields();
    setDialog(next);
  };
  const actionLabel = (action: AllowedAction) => t(`caseActions.${action.action}`, action.label);

  return (
    <Space wrap data-testid="case-actions">
      {!item.ownerId && can('case:work') && (
        <Button type="primary" loading={busy} data-testid="action-claim" onClick={() => runDirect('ClaimCase', { id: item.id }, 'claim')}>
          {t('buttons.claim')}
        </Button>
      )}
      {item.allowedActions.map((action) => (
        <Tooltip key={action.action} title={action.blockedReason ? blockedText({ message: action.blockedReason, reason: action.blockedReasonCode, params: action.blockedParams }, t) : undefined}>
          <Button
            data-testid={`action-${action.action}`}
            disabled={!!action.blockedReason}
            loading={busy}
            onClick={() => (action.requiredFields.length ? open({ kind: 'transition', action }) : transition(action))}
          >
            {actionLabel(action)}
          </Button>
        </Tooltip>
      ))}
      {can('case:assign') && <Button data-testid="action-assign" onClick={() => open({ kind: 'assign' })}>{t('buttons.assign')}</Button>}
      {can('case:escalate') && <Button danger data-testid="action-escalate" onClick={() => open({ kind: 'escalate' })}>{t('buttons.escalate')}</Button>}
      <Modal
        open={!!dialog}
        title={dialog?.kind === 'transition' ? actionLabel(dialog.action) : dialog?.kind === 'assign' ? t('buttons.assign') : t('buttons.escalate')}
        onCancel={() => setDialog(undefined)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'action-dialog-ok' } as Record<string, string>}
        confirmLoading={loading}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={(values) => void submit(values)} data-testid="action-dialog">
          {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} data-testid="action-dialog-error" />}
          {dialog?.kind === 'transition' &&
            dialog.action.requiredFields.map((field) => (
              <Form.Item key={field.name} name={field.name} label={t(`caseFields.${field.name}`, field.label)} rules={[{ required: true, message: t('cases.fieldRequired', { field: t(`caseFields.${field.name}`, field.label) }) }]}>
                <RequiredFieldInput name={field.name} />
              </Form.Item>
            ))}
          {dialog?.kind === 'transition' && dialog.action.requiredFields.some((f) => f.name === 'solutionType') && (
            <Form.Item name="solutionAmount" label={t('caseFields.solutionAmount')} extra={t('cases.amountHint')}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="field-solutionAmount" />
            </Form.Item>
          )}
          {dialog?.kind === 'assign' && (
            <Form.Item name="staffUserId" label={t('cases.assignTo')} rules={[{ required: true, message: t('cases.fieldRequired', { field: t('cases.assignTo') }) }]}>
              <StaffPicker />
            </Form.Item>
          )}
          {dialog?.kind === 'escalate' && (
            <Form.Item name="reason" label={t('cases.escalateReason')} rules={[{ required: true, message: t('cases.fieldRequired', { field: t('cases.escalateReason') }) }]}>
              <Input.TextArea rows={3} data-testid="field-reason" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
