// The customer record, its contact points, the klantbeeld and the safety pause (pure).
export * from './contact';
export * from './profile';
export * from './record';
export * from './pause';
