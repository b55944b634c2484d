import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { consoleTheme } from './shell/theme.ts';
import { isApiError } from './api/apiError.ts';
import { setUnauthenticatedHandler } from './api/client.ts';
import { router } from './routes.tsx';

dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Errors the caller cannot cure by retrying (no right, no record, bad input) are shown at once.
      retry: (count, error) => count < 2 && (!isApiError(error) || ['NETWORK_ERROR', 'SERVICE_UNAVAILABLE'].includes(error.code)),
      refetchOnWindowFocus: false,
    },
  },
});

setUnauthenticatedHandler(() => {
  queryClient.clear();
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/signin')) {
    void router.navigate(`/signin?next=${encodeURIComponent(here)}`, { replace: true });
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={consoleTheme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ConfigProvider>
  </StrictMode>,
);
