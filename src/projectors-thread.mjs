// Worker threads do not inherit the TypeScript loader in every Node version: register it here, then load the thread's code.
import { register } from 'tsx/esm/api';

register();
await import('./projectors-thread.ts');
