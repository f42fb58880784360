import { guardedLookup as sharedLookup, type AddressPolicy } from '@groupchat/shared';
import type { LookupFunction } from 'node:net';
import { PreviewRefused } from './errors';

/** The shared guarded lookup (services/shared/src/outbound.ts), refusing as a preview refusal. */
export const guardedLookup = (policy: AddressPolicy): LookupFunction => sharedLookup(policy, (m) => new PreviewRefused(m));
