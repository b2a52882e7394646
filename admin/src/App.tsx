import { Refine } from '@refinedev/core';
import { ErrorComponent, ThemedLayout, useNotificationProvider } from '@refinedev/antd';
import createDataProvider, { createLiveProvider } from '@refinedev/graphql';
import routerProvider from '@refinedev/react-router';
import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import '@refinedev/antd/dist/reset.css';
import { graphqlClient, wsClient } from './graphql-client';
import { HomePage } from './pages/home';

export function App() {
  return (
    <BrowserRouter>
      <ConfigProvider locale={zhCN}>
        <AntdApp>
          <Refine
            dataProvider={createDataProvider(graphqlClient)}
            liveProvider={createLiveProvider(wsClient)}
            routerProvider={routerProvider}
            notificationProvider={useNotificationProvider}
            options={{ liveMode: 'auto', disableTelemetry: true, title: { text: 'PharmaDesk' } }}
            resources={[{ name: 'home', list: '/', meta: { label: '概览' } }]}
          >
            <Routes>
              <Route
                element={
                  <ThemedLayout>
                    <Outlet />
                  </ThemedLayout>
                }
              >
                <Route index element={<HomePage />} />
                <Route path="*" element={<ErrorComponent />} />
              </Route>
            </Routes>
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
