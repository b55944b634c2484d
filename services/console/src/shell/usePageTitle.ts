import { useEffect } from 'react';

/** The page's <title>: what it shows, then the product. */
export const usePageTitle = (title: string): void => {
  useEffect(() => {
    document.title = `${title} · 衔接 · 两法衔接协同工作台`;
  }, [title]);
};
