import type { IdentityFormat } from '../../../core/types';
import { FORMAT_TITLES } from '../../components/identity-format';

/** The row of a request's details that says which format its token, proof, identity or key is in. */
export function FormatRow({ format }: { format: IdentityFormat }) {
  return (
    <>
      <dt>Format</dt>
      <dd data-testid="request-format">{FORMAT_TITLES[format]}</dd>
    </>
  );
}
