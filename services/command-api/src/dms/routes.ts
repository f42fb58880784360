import { formatPosition, unavailable } from '@groupchat/shared';
import type { CredentialStore } from '../accounts/credentials';
import type { CommandContext } from '../http/context';
import { uuidV5 } from '../http/envelope';
import type { CommandRoutes } from '../http/routes';
import { parseInput } from '../http/validation';
import type { GroupHeads } from '../groups/heads';
import { withGroupLock } from '../groups/lock';
import { decideOpenDm } from './decide';
import { OpenDmRequest, OpenDmResponse } from './schemas';
import { loadDmState } from './state';

/** The conversation of a set of people has one id, whoever opens it and in whatever order they are named. */
export const dmIdOf = (people: string[]) => uuidV5('direct', ...[...new Set(people)].sort());

export function dmRoutes(routes: CommandRoutes, ctx: CommandContext, heads: GroupHeads, credentials: CredentialStore) {
  const { pool } = ctx.rt;

  routes.add(
    {
      method: 'post',
      path: '/dms',
      summary: 'Open a direct conversation with 1 to 9 people, or get the one that exists',
      description:
        'A direct conversation is a private group of kind `direct` whose id follows from its members (docs/direct-messages.md): asking again for the same people answers the same groupId and appends nothing. People who share a group with the caller are added at once; the others only with `request: true`, as a request they accept with POST /groups/{id}/join or decline with POST /groups/{id}/leave. Without it the answer is 403 `dm_request_required`, naming them in `userIds`.',
      auth: true,
      body: { name: 'OpenDmRequest', schema: OpenDmRequest },
      success: { status: 200, description: 'the conversation, new or existing', name: 'OpenDmResponse', schema: OpenDmResponse },
      errors: [403, 409, 422],
    },
    ctx.auth,
    async (req, res) => {
      const input = parseInput(OpenDmRequest, req.body);
      const actorId = req.user!.sub;
      const others = [...new Set(input.userIds)].filter((id) => id !== actorId).sort();
      const groupId = dmIdOf([actorId, ...others]);
      // One at a time per conversation, each seeing the last one's effect: two people opening it at once create it once.
      const position = await withGroupLock(pool, groupId, async () => {
        await heads.settle(req, groupId);
        const state = await loadDmState(pool, credentials, groupId, actorId, others);
        const decided = decideOpenDm(state, { groupId, actorId, others, request: input.request ?? false });
        if (decided.length) return ctx.record(req, decided, groupId, (results) => heads.advance(groupId, results));
        const head = await heads.head(groupId);
        if (!head) throw unavailable('the conversation exists but its newest position is not known yet; try again');
        return formatPosition(head);
      });
      res.json({ groupId, position });
    },
  );
}
