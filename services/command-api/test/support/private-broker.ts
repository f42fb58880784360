export { privateBroker, topicsReady, type PrivateBroker } from '../../../../test/support/private-broker';
