import { useEffect, useState } from 'preact/hooks';

/** Copies a public value (a DID, a chain id, an idpub) and says so for a moment. */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (status === 'idle') return;
    const timer = setTimeout(() => setStatus('idle'), 2000);
    return () => clearTimeout(timer);
  }, [status]);
  const copy = () => navigator.clipboard.writeText(value).then(() => setStatus('copied'), () => setStatus('failed'));
  return (
    <>
      <button type="button" class="small" onClick={copy}>
        {status === 'copied' ? 'Copied' : 'Copy'}
        <span class="visually-hidden"> {what}</span>
      </button>
      <span class="visually-hidden" role="status">
        {status === 'copied' ? `${what} copied` : status === 'failed' ? `Could not copy the ${what}` : ''}
      </span>
    </>
  );
}
