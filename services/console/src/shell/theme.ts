import type { ThemeConfig } from 'antd';

/**
 * Ant Design's tokens, darkened where its defaults fall below WCAG 2.1 AA contrast (4.5:1 for
 * text on white): links and info tags (#1677ff, 4.0:1), secondary and tertiary text and
 * placeholders (45% and 25% black). The primary blue is the console's own (6.4:1).
 */
export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fa8',
    colorInfo: '#1f5fa8',
    colorLink: '#1f5fa8',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
  components: {
    // "No data" in tables and cards is text to read, not a disabled control.
    Empty: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)', colorTextDescription: 'rgba(0, 0, 0, 0.62)' },
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)' },
  },
};
