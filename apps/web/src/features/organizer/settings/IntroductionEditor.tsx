import {
  BoldOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  RedoOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Button, Divider, Flex, Tooltip } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  id?: string;
  value?: string;
  onChange?: (html: string) => void;
  disabled?: boolean;
}

/**
 * The introduction in a rich-text editor (Tiptap, issue 8 item 12) limited to what the server's sanitizer keeps
 * (platform/text/sanitize.ts): paragraphs, h2–h4, bold, italic, underline, lists, quotes and links. Markup outside
 * that (code, strike, rules) is switched off so what the organizer sees is what is published; the server still
 * sanitizes whatever arrives, and the form shows the sanitized HTML it returns.
 */
export function IntroductionEditor({ id, value = '', onChange, disabled }: Props) {
  const { t } = useTranslation();
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        link: { openOnClick: false, protocols: ['http', 'https', 'mailto', 'tel'] },
      }),
    ],
    content: value,
    editable: !disabled,
    immediatelyRender: true,
    editorProps: {
      attributes: {
        ...(id ? { id } : {}),
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': t('organizer.settingsForm.introduction'),
        class: 'introduction-editor',
        style: 'min-height: 160px; outline: none; line-height: 1.7',
        'data-testid': 'introduction-editor',
      },
    },
    onUpdate: ({ editor: e }) => onChange?.(e.isEmpty ? '' : e.getHTML()),
  });
  // The form resets the value after a save (the server's sanitized HTML): take it without a loop.
  useEffect(() => {
    if (editor && value !== editor.getHTML() && !(value === '' && editor.isEmpty))
      editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);
  useEffect(() => editor?.setEditable(!disabled), [editor, disabled]);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      underline: e?.isActive('underline') ?? false,
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  });
  if (!editor) return null;
  const chain = () => editor.chain().focus();
  const tool = (key: string, label: string, icon: ReactNode, active: boolean, run: () => void) => (
    <Tooltip title={label} key={key}>
      <Button
        size="small"
        type={active ? 'primary' : 'text'}
        icon={icon}
        aria-label={label}
        aria-pressed={active}
        disabled={disabled}
        onClick={run}
      />
    </Tooltip>
  );
  const text = (s: string) => <span style={{ fontWeight: 600, fontSize: 12 }}>{s}</span>;
  const setLink = () => {
    const previous = editor.getAttributes('link').href as string | undefined;
    const url = window.prompt(t('organizer.settingsForm.linkPrompt'), previous ?? 'https://');
    if (url === null) return;
    if (url.trim() === '') chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: url.trim() }).run();
  };
  const tb = (k: string) => t(`organizer.settingsForm.toolbar.${k}` as 'organizer.settingsForm.toolbar.bold');
  return (
    <div style={{ border: '1px solid var(--ant-color-border, #d9d9d9)', borderRadius: 6 }}>
      <Flex wrap="wrap" gap={2} align="center" style={{ padding: 4, borderBottom: '1px solid var(--ant-color-split, #f0f0f0)' }}>
        {tool('bold', tb('bold'), <BoldOutlined />, state?.bold ?? false, () => chain().toggleBold().run())}
        {tool('italic', tb('italic'), <ItalicOutlined />, state?.italic ?? false, () => chain().toggleItalic().run())}
        {tool('underline', tb('underline'), <UnderlineOutlined />, state?.underline ?? false, () =>
          chain().toggleUnderline().run(),
        )}
        <Divider type="vertical" />
        {tool('h2', tb('h2'), text('H2'), state?.h2 ?? false, () => chain().toggleHeading({ level: 2 }).run())}
        {tool('h3', tb('h3'), text('H3'), state?.h3 ?? false, () => chain().toggleHeading({ level: 3 }).run())}
        {tool('bullet', tb('bullet'), <UnorderedListOutlined />, state?.bullet ?? false, () => chain().toggleBulletList().run())}
        {tool('ordered', tb('ordered'), <OrderedListOutlined />, state?.ordered ?? false, () =>
          chain().toggleOrderedList().run(),
        )}
        {tool('quote', tb('quote'), text('“”'), state?.quote ?? false, () => chain().toggleBlockquote().run())}
        {tool('link', tb('link'), <LinkOutlined />, state?.link ?? false, setLink)}
        <Divider type="vertical" />
        {tool('undo', tb('undo'), <UndoOutlined />, false, () => chain().undo().run())}
        {tool('redo', tb('redo'), <RedoOutlined />, false, () => chain().redo().run())}
      </Flex>
      <EditorContent editor={editor} style={{ padding: '4px 12px', minHeight: 180 }} />
    </div>
  );
}
