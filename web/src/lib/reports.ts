import type { ReportAction, ReportStatus } from '../api/reports';

export const REPORT_REASON_MAX = 1000;

const OUTCOMES: Record<ReportAction, string> = {
  dismiss: 'Dismissed',
  delete: 'Message deleted',
  timeout: 'Member timed out',
  ban: 'Member banned',
};

/** A report's outcome in words, as its reporter and the moderators read it. */
export function reportOutcome(report: { status: ReportStatus; action: ReportAction | null }): string {
  if (report.status === 'open' || !report.action) return 'Open';
  return OUTCOMES[report.action];
}

/** What a moderator's resolution did, for the live region. */
export function resolvedSentence(action: ReportAction, target: string): string {
  switch (action) {
    case 'dismiss':
      return `Report about ${target} dismissed.`;
    case 'delete':
      return `The message of ${target} is deleted.`;
    case 'timeout':
      return `${target} cannot post or react for 1 hour.`;
    case 'ban':
      return `${target} is banned.`;
  }
}

/** Why a reason cannot be sent yet, or null when it can. */
export function reasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (!text) return 'Say what is wrong.';
  if (text.length > REPORT_REASON_MAX) return `At most ${REPORT_REASON_MAX} characters (${text.length} now).`;
  return null;
}
