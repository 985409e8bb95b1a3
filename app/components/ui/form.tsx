import { Form, useNavigation, useRouteLoaderData, type FormProps } from "@remix-run/react";
import type { ChangeEvent, ReactNode } from "react";

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

/** What a refused submission echoes for one field, if it was a single value. */
function echoed(answer: FormAnswer | undefined, name: string): string | undefined {
  const value = answer?.values[name];
  return typeof value === "string" ? value : undefined;
}

/** The ids and ARIA wiring shared by every labelled control: hint and error are read with it. */
function described(id: string, hint: ReactNode, errors: string[] | undefined) {
  return {
    "aria-invalid": errors ? true : undefined,
    "aria-describedby": [hint ? `${id}-hint` : null, errors ? `${id}-error` : null].filter(Boolean).join(" ") || undefined,
  } as const;
}

/** Label above, hint and error below: the frame of every form field. */
function FieldFrame({ id, label, required, hint, errors, plain, labelClassName, children }: {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  errors?: string[];
  plain?: boolean;
  labelClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className={plain ? undefined : "field"}>
      <label htmlFor={id} className={labelClassName}>
        {label}
        {required ? <span className="req" aria-hidden="true">*</span> : null}
      </label>
      {children}
      {hint ? <div className="hint" id={`${id}-hint`}>{hint}</div> : null}
      {errors ? <div className="error" id={`${id}-error`}>{errors.join("；")}</div> : null}
    </div>
  );
}

/** Label, input, hint and error wired together for screen readers (aria-describedby/invalid). */
export function Field({ name, label, answer, hint, required, type = "text", defaultValue, multiline, id: givenId, ...rest }: FieldProps) {
  const id = givenId ?? `f-${name}`;
  const errors = answer?.errors[name];
  const value = type === "password" ? undefined : (echoed(answer, name) ?? defaultValue ?? undefined);
  const common = { id, name, required, defaultValue: value, ...described(id, hint, errors), ...rest };
  return (
    <FieldFrame id={id} label={label} required={required} hint={hint} errors={errors}>
      {multiline ? <textarea {...common} /> : <input type={type} {...common} />}
    </FieldFrame>
  );
}

interface SelectProps {
  name: string;
  label: string;
  /** [value, text] pairs; `children` adds options of its own (e.g. <optgroup>s) after them. */
  options?: readonly (readonly [string, string])[];
  children?: ReactNode;
  answer?: FormAnswer;
  defaultValue?: string | null;
  /** Controlled use (one select filling another with JavaScript); the form still posts it. */
  value?: string;
  onChange?: (value: string) => void;
  /** "mark" shows the star but leaves the check to the server (another field can fill this one). */
  required?: boolean | "mark";
  hint?: ReactNode;
  id?: string;
  /** Text of the empty first option; null for none. */
  placeholder?: string | null;
  /** The empty option is a real choice (未标注, 全部领域) rather than a prompt that cannot be picked. */
  emptyChoice?: boolean;
  /** Schema keys whose errors belong to this select (one select may post two fields). */
  errorNames?: string[];
  /** A filter, a table cell or a row of a group: no field spacing. */
  plain?: boolean;
  labelClassName?: string;
}

/** The one select: label, options, hint and error wired like Field; echoes a refused submission. */
export function SelectField({
  name,
  label,
  options = [],
  children,
  answer,
  defaultValue,
  value,
  onChange,
  required,
  hint,
  id: givenId,
  placeholder = "请选择",
  emptyChoice,
  errorNames = [name],
  plain,
  labelClassName,
}: SelectProps) {
  const id = givenId ?? `f-${name}`;
  const messages = errorNames.flatMap((n) => answer?.errors[n] ?? []);
  const errors = messages.length ? messages : undefined;
  const chosen = value != null ? { value, onChange: (e: ChangeEvent<HTMLSelectElement>) => onChange?.(e.currentTarget.value) } : { defaultValue: echoed(answer, name) ?? defaultValue ?? "", onChange: onChange && ((e: ChangeEvent<HTMLSelectElement>) => onChange(e.currentTarget.value)) };
  return (
    <FieldFrame id={id} label={label} required={Boolean(required)} hint={hint} errors={errors} plain={plain} labelClassName={labelClassName}>
      <select id={id} name={name} required={required === true} {...chosen} {...described(id, hint, errors)}>
        {placeholder != null ? <option value="" disabled={!emptyChoice}>{placeholder}</option> : null}
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
        {children}
      </select>
    </FieldFrame>
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
