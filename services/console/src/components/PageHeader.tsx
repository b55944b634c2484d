import { Flex, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { PastViewBanner } from '../shell/timeTravel.tsx';
import { usePageTitle } from '../shell/usePageTitle.ts';

// The date picker is the heaviest control of a page header: it loads after the page has shown.
const TimeTravelPicker = lazy(() => import('../shell/TimeTravelPicker.tsx'));

/** A page's heading (its <h1> and <title>), its actions and the 查看某一时点 picker, then the past-view banner. */
export function PageHeader({ title, extra, timeTravel = true, children }: { title: string; extra?: ReactNode; timeTravel?: boolean; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <header style={{ marginBottom: 16 }}>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 22 }}>
          {title}
        </Typography.Title>
        <div style={{ flex: 1 }} />
        {extra}
        {timeTravel && (
          <Suspense fallback={<div style={{ width: 230 }} />}>
            <TimeTravelPicker />
          </Suspense>
        )}
      </Flex>
      {children}
      {timeTravel && <PastViewBanner />}
    </header>
  );
}
