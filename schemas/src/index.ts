export * from './catalog';
export * from './serde';
export * from './generated/events';
