import { Result } from 'antd';
import { Link } from 'react-router';
import { usePageTitle } from '../shell/usePageTitle.ts';

export default function NotFoundPage() {
  usePageTitle('页面不存在');
  return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在。" extra={<Link to="/">返回待办</Link>} />;
}
