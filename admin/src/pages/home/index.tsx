import { useEffect, useState } from 'react';
import { Card, Descriptions, Typography } from 'antd';
import { graphqlClient } from '../../graphql-client';

interface ServerInfo {
  version: string;
  now: string;
  databaseVersion: string;
}

const SERVER_INFO = 'query ServerInfo { serverInfo { version now databaseVersion } }';

/** Landing page of the shell: proves the panel talks to the API. */
export function HomePage() {
  const [info, setInfo] = useState<ServerInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    graphqlClient
      .query<{ serverInfo: ServerInfo }>(SERVER_INFO, {})
      .toPromise()
      .then((result) => (result.error ? setError(result.error.message) : setInfo(result.data?.serverInfo ?? null)));
  }, []);
  return (
    <Card title="PharmaDesk 客服平台">
      <Typography.Paragraph>药店与健康中心连锁的客户服务平台。</Typography.Paragraph>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {info && (
        <Descriptions column={1} bordered size="small" data-testid="server-info">
          <Descriptions.Item label="API 版本">{info.version}</Descriptions.Item>
          <Descriptions.Item label="数据库">PostgreSQL {info.databaseVersion}</Descriptions.Item>
          <Descriptions.Item label="服务器时间">{new Date(info.now).toLocaleString('zh-CN')}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
