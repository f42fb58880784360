import type { Projection } from '../framework';
import { analytics } from './analytics';
import { auditLog } from './audit-log';
import { autoModeration } from './auto-moderation';
import { blocks } from './blocks';
import { groupDailyActivity } from './group-daily-activity';
import { groups } from './groups';
import { inviteLinks } from './invite-links';
import { messages } from './messages';
import { notificationSettings } from './notification-settings';
import { notifications } from './notifications';
import { pins } from './pins';
import { readMarkers } from './read-markers';
import { reports } from './reports';
import { searchGroups } from './search-groups';
import { searchMessages } from './search-messages';
import { searchUsers } from './search-users';
import { timeline } from './timeline';
import { users } from './users';

/** Every projection the projectors run. A new projection is its file plus one line here. */
export const projections: Projection[] = [
  users,
  groups,
  messages,
  timeline,
  groupDailyActivity,
  searchUsers,
  searchGroups,
  searchMessages,
  analytics,
  pins,
  readMarkers,
  notificationSettings,
  notifications,
  reports,
  blocks,
  autoModeration,
  auditLog,
  inviteLinks,
];
