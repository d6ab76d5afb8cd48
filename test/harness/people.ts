// Kept only so test files written against the old module still compile while branches merge:
// the personas live in roster.ts and the item builder in items.ts. Import from those.
export { asPerson, staff } from './roster';
export { anItem as buildItem, resetItemIds } from './items';
