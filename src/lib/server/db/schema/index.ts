export * from './users';
export * from './auth';
export * from './settings';
export * from './audit';
export * from './signposting';
export * from './safety';
export * from './forum';
export * from './moderation';
