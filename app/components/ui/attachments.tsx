import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** A file input of a record's form, as the server describes it (app/files/kinds.server.ts). */
export interface SlotView {
  key: string;
  purpose: string;
  hint?: string;
}

/** A file already attached to the record (models/shared/document.server.ts listDocuments). */
export interface FileView {
  id: number;
  name: string;
  size: number;
  purpose: string;
  confidential: boolean;
  href: string;
}

const ACCEPT = ".pdf,.docx,.xlsx,.pptx,.ofd,.png,.jpg,.jpeg";

export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Read-only list for a record's page: each file a download link with its purpose and size. */
export function FileList({ files, empty }: { files: FileView[]; empty?: string }) {
  if (!files.length) return empty ? <p className="muted">{empty}</p> : null;
  return (
    <ul className="file-list">
      {files.map((f) => (
        <li key={f.id}>
          <a href={f.href} download>{f.name}</a>
          <span className="muted small"> {f.purpose} · {fileSize(f.size)}{f.confidential ? " · 保密" : ""}</span>
        </li>
      ))}
    </ul>
  );
}

/** A record page's 附件 section, when it has any files this viewer may download. */
export function FilesSection({ files }: { files: FileView[] }) {
  if (!files.length) return null;
  return (
    <section className="card" aria-labelledby="files">
      <h2 id="files">附件</h2>
      <FileList files={files} />
    </section>
  );
}

interface Pending {
  key: number;
  name: string;
  loaded: number;
  total: number;
  id?: number;
  error?: string;
  xhr?: XMLHttpRequest;
}

/**
 * One slot's file input. Without JavaScript it is a plain `<input type=file multiple>` whose files
 * travel with the form. With JavaScript each chosen file is uploaded at once to /files/stage (with
 * a progress bar, 取消 while sending, 移除 after) and the form carries only the staged ids.
 */
function SlotInput({ slot, scope }: { slot: SlotView; scope?: string }) {
  const root = useRouteLoaderData<{ csrf: string }>("root");
  const [enhanced, setEnhanced] = useState(false);
  const [items, setItems] = useState<Pending[]>([]);
  const next = useRef(0);
  useEffect(() => setEnhanced(true), []);
  const id = scope ? `f-file-${scope}-${slot.key}` : `f-file-${slot.key}`;
  const update = (key: number, patch: Partial<Pending>) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));

  function upload(file: File) {
    const key = next.current++;
    const xhr = new XMLHttpRequest();
    const body = new FormData();
    body.append("csrf", root?.csrf ?? ""); // before the file: the server checks it first
    body.append("file", file);
    xhr.upload.onprogress = (e) => update(key, { loaded: e.loaded, total: e.total });
    xhr.onload = () => {
      let answer: { ok?: boolean; message?: string; document?: { id: number } } = {};
      try {
        answer = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: a proxy's error page */
      }
      if (xhr.status === 200 && answer.document) update(key, { id: answer.document.id, loaded: file.size, xhr: undefined });
      else update(key, { error: answer.message ?? `上传失败（${xhr.status}），请重试。`, xhr: undefined });
    };
    xhr.onerror = () => update(key, { error: "网络中断，上传失败，请重试。", xhr: undefined });
    xhr.open("POST", "/files/stage");
    xhr.send(body);
    setItems((xs) => [...xs, { key, name: file.name, loaded: 0, total: file.size, xhr }]);
  }

  function drop(item: Pending) {
    item.xhr?.abort();
    if (item.id != null) {
      const body = new FormData();
      body.append("csrf", root?.csrf ?? "");
      body.append("intent", "discard");
      body.append("id", String(item.id));
      void fetch("/files/stage", { method: "POST", body });
    }
    setItems((xs) => xs.filter((x) => x.key !== item.key));
  }

  return (
    <div className="field">
      <label htmlFor={id}>{slot.purpose}</label>
      <input
        id={id}
        type="file"
        multiple
        accept={ACCEPT}
        name={enhanced ? undefined : `file:${slot.key}`}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          if (!enhanced) return;
          for (const f of Array.from(e.currentTarget.files ?? [])) upload(f);
          e.currentTarget.value = "";
        }}
      />
      <div className="hint" id={`${id}-hint`}>
        {slot.hint ? `${slot.hint}。` : ""}支持 PDF、Word、Excel、PowerPoint、OFD、PNG、JPEG，单个文件不超过 20 MB。
      </div>
      {items.length ? (
        <ul className="file-list" aria-live="polite">
          {items.map((it) => (
            <li key={it.key}>
              <span>{it.name}</span>{" "}
              {it.error ? (
                <span className="error">{it.error}</span>
              ) : it.id != null ? (
                <span className="muted small">已上传，保存后生效</span>
              ) : (
                <progress max={it.total || 1} value={it.loaded} aria-label={`${it.name} 上传进度`} />
              )}
              {it.id != null ? <input type="hidden" name={`staged:${slot.key}`} value={it.id} /> : null}{" "}
              <button type="button" className="btn secondary small" onClick={() => drop(it)}>
                {it.id == null && !it.error ? "取消" : "移除"}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The attachments section of a record's edit form: files already attached (each with a 移除
 * checkbox, applied when the form is saved) and one input per slot. The form must be
 * `encType="multipart/form-data"`, and the action reads it with readFormWithFiles.
 */
/** `scope` keeps input ids unique when one page has several forms with the same slot (one per milestone). */
export function Attachments({ slots, existing = [], title = "附件", scope }: { slots: SlotView[]; existing?: FileView[]; title?: string; scope?: string }) {
  return (
    <fieldset className="attachments">
      <legend>{title}</legend>
      {existing.length ? (
        <ul className="file-list">
          {existing.map((f) => (
            <li key={f.id}>
              <a href={f.href} download>{f.name}</a>
              <span className="muted small"> {f.purpose} · {fileSize(f.size)}</span>{" "}
              <label className="small"><input type="checkbox" name="removeFile" value={f.id} /> 移除</label>
            </li>
          ))}
        </ul>
      ) : null}
      {slots.map((s) => <SlotInput key={s.key} slot={s} scope={scope} />)}
    </fieldset>
  );
}
