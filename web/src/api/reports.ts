import type { components } from './generated/openapi';
import { api } from './index';

type Schemas = components['schemas'];
export type Report = Schemas['ReportList']['items'][number];
export type MyReport = Schemas['MyReports']['items'][number];
export type ReportStatus = Report['status'];
export type ReportAction = Schemas['ResolveReportRequest']['action'];
export type ReportTarget = { messageId: string } | { userId: string };
export type ResolveInput = Omit<Schemas['ResolveReportRequest'], 'action'>;

const enc = encodeURIComponent;

/** Reports to a group's moderators and their resolution (docs/moderation.md, "Reports"). */
export const reportsApi = {
  file: (groupId: string, target: ReportTarget, reason: string) =>
    api.post<Schemas['FileReportResponse']>('/reports', { groupId, ...target, reason } satisfies Schemas['FileReportRequest']),
  queue: (groupId: string, status: ReportStatus) => api.get<Schemas['ReportList']>(`/groups/${enc(groupId)}/reports?status=${status}`),
  resolve: (reportId: string, action: ReportAction, input: ResolveInput = {}) =>
    api.post<Schemas['ResolveReportResponse']>(`/reports/${enc(reportId)}/resolve`, { action, ...input }),
  mine: () => api.get<Schemas['MyReports']>('/me/reports'),
};
