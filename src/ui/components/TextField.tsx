import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

export interface TextFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: ComponentChildren;
  error?: string | null;
  type?: 'text' | 'password' | 'url' | 'search';
  multiline?: boolean;
  rows?: number;
  mono?: boolean;
  autoComplete?: string;
  autoFocus?: boolean;
  placeholder?: string;
  maxLength?: number;
  /** Extra control placed beside the input (e.g. a show/hide button). */
  trailing?: ComponentChildren;
  name?: string;
}

/** A labelled input or textarea with its hint and its error right below it, wired for screen readers. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const control = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // The autofocus attribute works once per document; screens change inside one document.
  useEffect(() => {
    if (props.autoFocus) control.current?.focus();
  }, []);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const shared = {
    id,
    name: props.name,
    value: props.value,
    class: props.mono ? 'mono' : undefined,
    placeholder: props.placeholder,
    maxLength: props.maxLength,
    ref: control,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
  };
  const input = props.multiline ? (
    <textarea {...shared} rows={props.rows ?? 3} spellcheck={false} autoComplete={props.autoComplete ?? 'off'} />
  ) : (
    <input {...shared} type={props.type ?? 'text'} spellcheck={false} autoComplete={props.autoComplete ?? 'off'} />
  );
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.trailing ? (
        <div class="input-with-button">
          {input}
          {props.trailing}
        </div>
      ) : (
        input
      )}
      {props.hint && (
        <div id={hintId} class="hint">
          {props.hint}
        </div>
      )}
      {props.error && (
        <div id={errorId} class="field-error" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}
