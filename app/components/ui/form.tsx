import { Form, useNavigation, useRouteLoaderData, type FormProps } from "@remix-run/react";
import type { ReactNode } from "react";

/** What actions return on a refused submission (see web/form.server.ts). */
export interface FormAnswer {
  ok: false;
  message: string;
  errors: Record<string, string[]>;
  values: Record<string, string | string[]>;
}

export function isFormAnswer(data: unknown): data is FormAnswer {
  return typeof data === "object" && data != null && (data as FormAnswer).ok === false;
}

export function CsrfInput() {
  const root = useRouteLoaderData<{ csrf: string }>("root");
  return <input type="hidden" name="csrf" value={root?.csrf ?? ""} />;
}

/** The idempotency key of a form that creates a record (web/form-key.server.ts). */
function FormKeyInput() {
  const root = useRouteLoaderData<{ formKey: string }>("root");
  return <input type="hidden" name="formKey" value={root?.formKey ?? ""} />;
}

/**
 * A POST form that always carries the CSRF token. Works without JavaScript. `creates` marks a form
 * that creates a record: it also carries an idempotency key, so a double click creates one record.
 */
export function PostForm({ children, creates, ...props }: Omit<FormProps, "method"> & { creates?: boolean }) {
  return (
    <Form method="post" {...props}>
      <CsrfInput />
      {creates ? <FormKeyInput /> : null}
      {children}
    </Form>
  );
}

/**
 * Messages for a group of inputs that has no single field to stand beside (a checkbox list, one
 * reason per bidder). The page's own message is at its top (PageNotice).
 */
export function FieldGroupError({ errors }: { errors: string[] }) {
  return errors.length ? <div className="error" role="alert">{errors.join("；")}</div> : null;
}

interface FieldProps {
  name: string;
  label: string;
  answer?: FormAnswer;
  hint?: ReactNode;
  required?: boolean;
  /** "date" gives the browser's date picker; the value is YYYY-MM-DD. */
  type?: "text" | "email" | "tel" | "password" | "date";
  defaultValue?: string | null;
  maxLength?: number;
  autoComplete?: string;
  multiline?: boolean;
  inputMode?: "text" | "numeric" | "tel" | "email";
  /** Shown but not editable, e.g. what was typed for a deadline that has passed. */
  readOnly?: boolean;
  /** Needed when two forms on one page have a field of the same name (ids must be unique). */
  id?: string;
}

/** Label, input, hint and error wired together for screen readers (aria-describedby/invalid). */
export function Field({ name, label, answer, hint, required, type = "text", defaultValue, multiline, id: givenId, ...rest }: FieldProps) {
  const id = givenId ?? `f-${name}`;
  const errors = answer?.errors[name];
  const echoed = answer?.values[name];
  const value = type === "password" ? undefined : ((typeof echoed === "string" ? echoed : undefined) ?? defaultValue ?? undefined);
  const describedBy = [hint ? `${id}-hint` : null, errors ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    required,
    defaultValue: value,
    "aria-invalid": errors ? true : undefined,
    "aria-describedby": describedBy,
    ...rest,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="req" aria-hidden="true">*</span> : null}
      </label>
      {multiline ? <textarea {...common} /> : <input type={type} {...common} />}
      {hint ? <div className="hint" id={`${id}-hint`}>{hint}</div> : null}
      {errors ? <div className="error" id={`${id}-error`}>{errors.join("；")}</div> : null}
    </div>
  );
}

interface SelectProps {
  name: string;
  label: string;
  options: readonly (readonly [string, string])[];
  answer?: FormAnswer;
  defaultValue?: string;
  required?: boolean;
  hint?: ReactNode;
}

export function SelectField({ name, label, options, answer, defaultValue, required, hint }: SelectProps) {
  const id = `f-${name}`;
  const errors = answer?.errors[name];
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span className="req" aria-hidden="true">*</span> : null}
      </label>
      <select
        id={id}
        name={name}
        required={required}
        defaultValue={(typeof answer?.values[name] === "string" ? (answer.values[name] as string) : undefined) ?? defaultValue ?? ""}
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : hint ? `${id}-hint` : undefined}
      >
        <option value="" disabled>
          请选择
        </option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {hint ? <div className="hint" id={`${id}-hint`}>{hint}</div> : null}
      {errors ? <div className="error" id={`${id}-error`}>{errors.join("；")}</div> : null}
    </div>
  );
}

/**
 * Disabled while its form is submitting: a double click sends one request. `busyWhen` names the
 * form's hidden intent, so on a page of several forms only the one being sent says 提交中.
 */
export function SubmitButton({
  children,
  className = "btn",
  name,
  value,
  busyWhen,
}: {
  children: ReactNode;
  className?: string;
  name?: string;
  value?: string;
  busyWhen?: string;
}) {
  const navigation = useNavigation();
  const sending = navigation.state === "submitting";
  const busy =
    sending &&
    (busyWhen != null
      ? navigation.formData?.get("intent") === busyWhen
      : name == null || navigation.formData?.get(name) === value);
  return (
    <button type="submit" className={className} name={name} value={value} disabled={busy}>
      {busy ? "提交中…" : children}
    </button>
  );
}
