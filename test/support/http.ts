import { ErrorEnvelope } from '@earshot/contracts';

/** The error envelope of a fetch answer, typed. */
export async function envelope(res: Response): Promise<ErrorEnvelope> {
  return (await res.json()) as ErrorEnvelope;
}
