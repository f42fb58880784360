import type { components } from './generated/openapi';
import { ApiError } from './errors';
import { api } from './index';

export type DataExport = components['schemas']['DataExportStatus'];

/** My data as a zip (docs/privacy.md, "Your data"): asked for, followed while it is made, downloaded. */
export const exportsApi = {
  start: () => api.post<DataExport>('/me/export'),
  /** The latest export, or null before the first. */
  async latest(): Promise<DataExport | null> {
    try {
      return await api.get<DataExport>('/me/export');
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  },
  /** The zip, fetched with the session and handed to the browser as a file. */
  async download(): Promise<Blob> {
    return (await api.raw('GET', '/me/export/download')).blob();
  },
};
