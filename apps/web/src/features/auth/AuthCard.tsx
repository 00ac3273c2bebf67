import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The narrow centred card the sign-in pages share; full width on a phone. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card style={{ maxWidth: 440, margin: '16px auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Card>
  );
}
