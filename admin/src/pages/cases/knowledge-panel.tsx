import { useTranslate } from '@refinedev/core';
import { App, Button, Card, Input, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useEnumLabel } from '../../components/display';
import { request } from '../../data/request';
import { markdownToText } from './markdown-text';
import { useGql } from '../../hooks/use-gql';

interface Hit {
  score: number;
  snippet: string;
  article: { id: string; title: string; kind: string; body: string; tags: string[] };
}

/** Knowledge-base search beside the reply box: insert an article's text and record its use on the case. */
export function KnowledgePanel({ caseId, onInsert }: { caseId: string; onInsert(text: string): void }) {
  const t = useTranslate();
  const label = useEnumLabel();
  const { message } = App.useApp();
  const [query, setQuery] = useState('');
  const { data, isFetching } = useGql<{ searchKnowledge: Hit[] }>('SearchKnowledge', { query, limit: 8 }, { enabled: query.trim().length >= 2 });
  const insert = async (hit: Hit) => {
    onInsert(markdownToText(hit.article.body));
    await request('LinkKnowledgeArticle', { input: { caseId, articleId: hit.article.id } }).then(
      () => message.success(t('cases.linked')),
      () => undefined,
    );
  };
  return (
    <Card size="small" title={t('cases.knowledge')} data-testid="knowledge-panel">
      <Input.Search data-testid="knowledge-search" placeholder={t('cases.knowledgePlaceholder')} allowClear onSearch={setQuery} loading={isFetching} />
      <List
        size="small"
        dataSource={query.trim().length >= 2 ? (data?.searchKnowledge ?? []) : []}
        locale={{ emptyText: t('common.noData') }}
        renderItem={(hit) => (
          <List.Item actions={[<Button key="insert" size="small" type="link" data-testid="knowledge-insert" onClick={() => void insert(hit)}>{t('buttons.insert')}</Button>]}>
            <List.Item.Meta
              title={<>{hit.article.title} <Tag>{label('KnowledgeKind', hit.article.kind)}</Tag></>}
              description={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{hit.snippet}</Typography.Text>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
