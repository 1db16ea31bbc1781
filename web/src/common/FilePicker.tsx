import { Alert, Button } from 'antd';
import { useRef, useState, type DragEvent } from 'react';
import { LIMITS } from '../../../src/shared/enums.ts';
import { fmtBytes } from '../common/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

const EXT = '.pdf,.jpg,.jpeg,.png,.txt,.docx';

/**
 * Files chosen or dropped now and uploaded once the matter exists. Size and type are checked here
 * with the API's limits so a bad file is refused before anything is sent.
 */
export function FilePicker({
  files,
  onChange,
  id,
  label,
}: {
  files: File[];
  onChange: (f: File[]) => void;
  id?: string;
  label: string;
}) {
  const { m } = useI18n();
  const [problems, setProblems] = useState<string[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const add = (list: FileList | null) => {
    if (!list) return;
    const bad: string[] = [];
    const good: File[] = [];
    for (const f of Array.from(list)) {
      if (f.size > LIMITS.attachmentMaxBytes) bad.push(m.register.fileTooBig(f.name));
      else if (f.type && !(LIMITS.attachmentMimeTypes as readonly string[]).includes(f.type))
        bad.push(m.register.fileBadType(f.name));
      else good.push(f);
    }
    setProblems(bad);
    onChange([...files, ...good].slice(0, LIMITS.attachmentsPerMatter));
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    add(e.dataTransfer.files);
  };

  return (
    <div>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="drop-zone"
        style={{
          border: `1px dashed ${over ? '#b4232a' : '#9aa0a6'}`,
          borderRadius: 6,
          padding: 16,
          textAlign: 'center',
          background: over ? '#fff5f5' : '#fafafa',
        }}
      >
        <input
          ref={input}
          id={id}
          type="file"
          multiple
          accept={EXT}
          aria-label={label}
          className="ms-visually-hidden"
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
        <Button onClick={() => input.current?.click()}>{m.register.dropHere}</Button>
        <div style={{ color: 'rgba(0,0,0,0.65)', fontSize: 13, marginTop: 4 }}>{m.register.dropHint}</div>
      </div>
      {files.length > 0 && (
        <ul style={{ paddingInlineStart: 20, margin: '8px 0' }}>
          {files.map((f, i) => (
            <li key={`${i}-${f.name}`}>
              {f.name} <span style={{ color: 'rgba(0,0,0,0.65)' }}>({fmtBytes(f.size)})</span>{' '}
              <Button type="link" size="small" onClick={() => onChange(files.filter((_, j) => j !== i))}>
                {m.common.delete}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <Alert role="alert" type="error" style={{ marginTop: 8 }} title={problems.join('；')} />
      )}
    </div>
  );
}
