import { runUntilSignal } from '@groupchat/shared';
import { start } from './index';

await runUntilSignal(start);
