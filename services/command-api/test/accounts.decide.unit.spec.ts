import { describe, it } from 'vitest';
import { decideRegister, decideUpdateProfile, NO_AVATAR, type ProfileState } from '../src/accounts/decide';
import { given } from './support/decider';

describe('registering', () => {
  it('when registering without a display name, then UserRegistered shows the username', () => {
    given(undefined)
      .when((_s, c: Parameters<typeof decideRegister>[0]) => decideRegister(c), { userId: 'u1', username: 'ada', email: 'ada@example.com' })
      .then([{ type: 'UserRegistered', userId: 'u1', username: 'ada', email: 'ada@example.com', displayName: 'ada', interests: [] }]);
  });
});

describe('updating the profile', () => {
  const registered: ProfileState = { registered: true };
  const unchanged = { displayName: null, bio: null, interests: null, avatarMediaId: null };
  it('given a user, when changing the bio, then UserProfileUpdated with only the bio', () => {
    given(registered)
      .when(decideUpdateProfile, { userId: 'u1', bio: 'hello' })
      .then([{ type: 'UserProfileUpdated', userId: 'u1', ...unchanged, bio: 'hello' }]);
  });
  it('given an own image, when setting it as avatar, then it is set', () => {
    given({ registered: true, avatar: { ownerId: 'u1', kind: 'image' } })
      .when(decideUpdateProfile, { userId: 'u1', avatarMediaId: 'img1' })
      .then([{ type: 'UserProfileUpdated', userId: 'u1', ...unchanged, avatarMediaId: 'img1' }]);
  });
  it('when removing the avatar (null), then the event carries the empty id', () => {
    given(registered)
      .when(decideUpdateProfile, { userId: 'u1', avatarMediaId: null })
      .then([{ type: 'UserProfileUpdated', userId: 'u1', ...unchanged, avatarMediaId: NO_AVATAR }]);
  });
  it('given someone else’s upload, an unknown one, or a video, then 422', () => {
    given({ registered: true, avatar: { ownerId: 'u2', kind: 'image' } })
      .when(decideUpdateProfile, { userId: 'u1', avatarMediaId: 'x' })
      .thenFails(422, 'validation_failed');
    given({ registered: true, avatar: null }).when(decideUpdateProfile, { userId: 'u1', avatarMediaId: 'x' }).thenFails(422, 'validation_failed');
    given({ registered: true, avatar: { ownerId: 'u1', kind: 'video' } })
      .when(decideUpdateProfile, { userId: 'u1', avatarMediaId: 'x' })
      .thenFails(422, 'validation_failed');
  });
  it('given no registered user, then 404', () => {
    given({ registered: false }).when(decideUpdateProfile, { userId: 'u1', bio: 'x' }).thenFails(404, 'not_found');
  });
});
