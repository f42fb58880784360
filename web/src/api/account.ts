import { api } from './index';

export interface Account {
  email: string;
  emailVerified: boolean;
  /** A new address waiting for its confirmation link. */
  pendingEmail: string | null;
}

export const accountApi = {
  get: () => api.get<Account>('/me/account'),
  resendVerification: () => api.post<{ message: string }>('/me/email-verification'),
  changeEmail: (email: string, password: string) => api.post<{ message: string; pendingEmail: string }>('/me/email', { email, password }),
  changePassword: (currentPassword: string, newPassword: string) => api.post<void>('/me/password', { currentPassword, newPassword }),
  verifyEmail: (token: string) => api.post<{ email: string }>('/auth/verify-email', { token }, { anonymous: true }),
  requestPasswordReset: (email: string) => api.post<{ message: string }>('/auth/password-reset', { email }, { anonymous: true }),
  resetPassword: (token: string, password: string) => api.post<void>('/auth/password-reset/confirm', { token, password }, { anonymous: true }),
};
