import { Typography } from 'antd';

/** Messages under a control; announced to screen readers as they appear. */
export function ProblemText({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div role="alert">
      {messages.map((m) => (
        <div key={m}>
          <Typography.Text type="danger">{m}</Typography.Text>
        </div>
      ))}
    </div>
  );
}
