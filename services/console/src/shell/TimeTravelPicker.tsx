import { HistoryOutlined } from '@ant-design/icons';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { beijingWallTime, isoFromBeijingWall } from '../time/beijing.ts';
import { useAsOf } from './timeTravel.tsx';

// The picker shows wall-clock time in the browser's zone; we read and write it as Beijing time, so
// a user abroad still picks 2025年5月1日 09:00 Beijing.
const toPicker = (iso: string): Dayjs => {
  const t = beijingWallTime(iso);
  return dayjs(new Date(t.year, t.month - 1, t.day, t.hour, t.minute));
};
const fromPicker = (value: Dayjs): string =>
  isoFromBeijingWall({ year: value.year(), month: value.month() + 1, day: value.date(), hour: value.hour(), minute: value.minute() });

/** The 查看某一时点 picker of a page header. */
export default function TimeTravelPicker() {
  const { asOf, setAsOf } = useAsOf();
  return (
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY年M月D日 HH:mm"
      placeholder="查看某一时点（北京时间）"
      aria-label="查看某一时点（北京时间）"
      data-testid="time-travel-picker"
      value={asOf ? toPicker(asOf) : null}
      disabledDate={(day) => day.isAfter(dayjs().endOf('day'))}
      onChange={(value: Dayjs | null) => setAsOf(value ? fromPicker(value) : null)}
      style={{ width: 230 }}
      suffixIcon={<HistoryOutlined />}
    />
  );
}

