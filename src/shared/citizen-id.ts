/**
 * Citizen ids (issue 10). A CPR-number-like id (`ddmmyy-xxxx`, or ten digits) is personal data:
 * it is shown as `ddmmyy-****` unless a reviewer reveals it deliberately. Other ids (a case
 * system's own numbers) are not CPR numbers and are shown as they are.
 */
const cprLike = /^(\d{6})-?(\d{4})$/;

/** `010190-1234` and `0101901234` become `010190-****`; anything else is returned unchanged. */
export function maskCitizenId(id: string): string {
  const match = id.trim().match(cprLike);
  return match ? `${match[1]}-****` : id;
}
