import { noticeContent, type NoticeData, type NoticeKind } from '../../../src/documents/notice-content.ts';
import './notice.css';

/**
 * The notice in the official layout (GB/T 9704 proportions), from the same content model as the
 * DOCX, so screen, paper and Word say the same thing.
 */
export function NoticeView({
  kind,
  data,
  compact = false,
}: {
  kind: NoticeKind;
  data: NoticeData;
  compact?: boolean;
}) {
  const c = noticeContent(kind, data);
  return (
    <article className={`ms-notice${compact ? ' ms-notice--compact' : ''}`} lang="zh-CN" data-testid="notice">
      <p className="ms-notice__number">{c.docNumber}</p>
      <h1 className="ms-notice__title">{c.title}</h1>
      <p className="ms-notice__addressee">{c.addressee}</p>
      {c.sections.map((s, i) => (
        <section key={i}>
          {s.heading && <h2 className="ms-notice__heading">{s.heading}</h2>}
          {s.paragraphs.map((p, j) => (
            <p key={j} className="ms-notice__p">
              {p}
            </p>
          ))}
        </section>
      ))}
      <p className="ms-notice__p">{c.closing}</p>
      <div className="ms-notice__signature">
        <div className="ms-notice__seal" aria-hidden />
        <div>{c.issuingBody}</div>
        <div>{c.date}</div>
      </div>
      <footer className="ms-notice__footer">{c.footer}</footer>
    </article>
  );
}
