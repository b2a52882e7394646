import { useTranslate } from '@refinedev/core';
import { Alert, App, Button, Select, Space } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { errorText } from '../../data/errors';
import { request } from '../../data/request';
import type { ApiError } from '../../graphql-client';
import { useZone } from '../appointments/shared';

const CHANNELS = ['SMS', 'WECHAT', 'EMAIL'];

/** The Chinese half of the notification service's bilingual note ("张三未同意通过微信联系 (no WECHAT consent…)"). */
const chineseNote = (note: unknown) =>
  typeof note === 'string' ? note.replace(/\s*\([^()]*\)\s*$/, '').replace(/\s+(SMS|WeChat|email|in-app|all channels)\b/g, '').trim() : '';

/**
 * 发送满意度调查链接: a survey waiting for answers goes to the customer as an online link (SMS,
 * WeChat or email; by default a channel the customer agreed to). When the API refuses (no
 * consent, opted out, no address), the reason shows under the button in the panel's language.
 */
export function SendSurveyLinkButton({ surveyId, onSent }: { surveyId: string; onSent?: () => void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const { format } = useZone();
  const [channel, setChannel] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const send = async () => {
    setLoading(true);
    setRefusal(null);
    try {
      const { sendSurveyLink } = await request<{ sendSurveyLink: { linkExpiresAt: string | null } }>('SendSurveyLink', { input: { id: surveyId, channel: channel ?? null } });
      message.success(t('analyses.linkSent', { date: format(sendSurveyLink.linkExpiresAt, 'YYYY-MM-DD') }));
      onSent?.();
    } catch (error) {
      const apiError = error as ApiError;
      const note = chineseNote(apiError.params?.note ?? apiError.fields?.[0]?.params?.note);
      setRefusal([errorText(apiError, t), note].filter(Boolean).join('：'));
    } finally {
      setLoading(false);
    }
  };
  return (
    <div data-testid="send-survey-link">
      <Space wrap>
        <Select allowClear size="small" style={{ width: 180 }} placeholder={t('analyses.linkDefault')} value={channel} onChange={setChannel} data-testid="send-link-channel"
          options={CHANNELS.map((c) => ({ value: c, label: t(`enums.NotificationChannel.${c}`, c) }))} />
        <Button icon={<SendOutlined />} loading={loading} onClick={() => void send()} data-testid="send-link">{t('analyses.sendLink')}</Button>
      </Space>
      {refusal && <Alert type="error" showIcon style={{ marginTop: 8 }} message={refusal} data-testid="send-link-refused" />}
    </div>
  );
}
