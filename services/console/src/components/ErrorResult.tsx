import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { errorCodeOf } from '../api/apiError.ts';
import { errorMessage } from '../i18n/dictionary.ts';

/**
 * A page that could not be read. FORBIDDEN and NOT_FOUND look the same (403 无权访问): the server
 * does not say whether a record it withholds exists, and neither do we. Nothing of the record shows.
 */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const code = errorCodeOf(error);
  if (code === 'FORBIDDEN' || code === 'NOT_FOUND') {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="该记录不存在，或您所在机关无权查看。"
        data-testid="forbidden"
        extra={<Link to="/">返回待办</Link>}
      />
    );
  }
  return (
    <Result
      status="error"
      title={errorMessage(code)}
      data-testid="load-error"
      extra={onRetry && <Button onClick={onRetry}>重试</Button>}
    />
  );
}
