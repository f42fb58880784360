import { GROUP_ROLES, permissions, rankOf } from '@groupchat/schemas/permissions';
import type { Role } from '../api/types';

export const ROLES: Role[] = [...GROUP_ROLES];

export const rank = rankOf;

/** The server's own permission table, so the UI offers only what would be allowed. */
export const can = permissions;
