// A projector process of its own, for tests that kill it with SIGKILL. PROJECTIONS limits it
// to a comma-separated list of projection names.
import { createRuntime, loadConfig } from '@groupchat/shared';
import { createProjectors, projections } from '../../src/index';

const only = process.env.PROJECTIONS?.split(',');
const rt = await createRuntime(loadConfig(), 'projectors-child');
await createProjectors(rt, { projections: only ? projections.filter((p) => only.includes(p.name)) : projections });
process.stdout.write('ready\n');
