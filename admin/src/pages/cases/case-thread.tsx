import { useTranslate } from '@refinedev/core';
import { App, Button, Card, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { DateTime } from '../../components/display';
import { request } from '../../data/request';
import { errorText } from '../../data/errors';
import type { ApiError } from '../../graphql-client';

export interface Attachment {
  name: string | null;
  url: string;
  contentType: string;
  size: number;
}

export interface CaseMessage {
  id: string;
  kind: 'REPLY' | 'NOTE' | 'CUSTOMER';
  body: string;
  authorId: string | null;
  createdAt: string;
  attachments: Attachment[];
}

const KIND_COLORS = { REPLY: 'blue', NOTE: 'gold', CUSTOMER: 'green' } as const;

export function AttachmentLinks({ attachments }: { attachments: Attachment[] }) {
  if (!attachments.length) return null;
  return (
    <Space wrap size={4}>
      {attachments.map((a) => (
        <a key={a.url} href={a.url} target="_blank" rel="noreferrer">
          <PaperClipOutlined /> {a.name ?? a.url} <Typography.Text type="secondary">({Math.ceil(a.size / 1024)} KB)</Typography.Text>
        </a>
      ))}
    </Space>
  );
}

/** The thread, oldest first: replies to the customer, internal notes (marked), and the customer's messages. */
export function CaseThread({ messages }: { messages: CaseMessage[] }) {
  const t = useTranslate();
  return (
    <List
      data-testid="case-thread"
      dataSource={messages}
      locale={{ emptyText: t('common.noData') }}
      renderItem={(m) => (
        <List.Item style={{ background: m.kind === 'NOTE' ? '#fffbe6' : undefined, paddingInline: 8 }}>
          <List.Item.Meta
            title={
              <Space>
                <Tag color={KIND_COLORS[m.kind]}>{t(`cases.messageKinds.${m.kind}`)}</Tag>
                <DateTime value={m.createdAt} />
              </Space>
            }
            description={
              <>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4, color: 'rgba(0,0,0,0.88)' }}>{m.body}</Typography.Paragraph>
                <AttachmentLinks attachments={m.attachments} />
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** Reply (customer-visible) or internal note, with attachment links; the knowledge panel can fill it. */
export function ReplyBox({ caseId, text, onText, onSent }: { caseId: string; text: string; onText(text: string): void; onSent(): void }) {
  const t = useTranslate();
  const { message } = App.useApp();
  const [kind, setKind] = useState<'REPLY' | 'NOTE'>('REPLY');
  const [links, setLinks] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    try {
      const attachments = links.filter(Boolean).map((url) => ({ url, name: url.split('/').pop() || url, contentType: 'application/octet-stream', size: 0 }));
      await request('AddCaseMessage', { input: { caseId, kind, body: text, attachments } });
      onText('');
      setLinks([]);
      message.success(t('cases.sent'));
      onSent();
    } catch (error) {
      message.error(errorText(error as ApiError));
    } finally {
      setSending(false);
    }
  };
  return (
    <Card size="small" data-testid="reply-box">
      <Segmented
        value={kind}
        onChange={(v) => setKind(v as 'REPLY' | 'NOTE')}
        options={[
          { value: 'REPLY', label: t('cases.reply') },
          { value: 'NOTE', label: t('cases.note') },
        ]}
        style={{ marginBottom: 8 }}
      />
      <Input.TextArea rows={4} data-testid="reply-text" value={text} onChange={(e) => onText(e.target.value)} placeholder={t(kind === 'REPLY' ? 'cases.replyPlaceholder' : 'cases.notePlaceholder')} style={{ background: kind === 'NOTE' ? '#fffbe6' : undefined }} />
      {links.map((link, i) => (
        <Input key={i} size="small" style={{ marginTop: 4 }} placeholder="https://…" value={link} onChange={(e) => setLinks(links.map((l, j) => (j === i ? e.target.value : l)))} />
      ))}
      <Space style={{ marginTop: 8 }}>
        <Button icon={<PaperClipOutlined />} onClick={() => setLinks([...links, ''])}>
          {t('cases.addAttachment')}
        </Button>
        <Button type="primary" disabled={!text.trim()} loading={sending} onClick={() => void send()} data-testid="reply-send">
          {t('buttons.send')}
        </Button>
      </Space>
    </Card>
  );
}
