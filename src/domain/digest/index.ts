export {
  buildDigest,
  digestAccumulator,
  DEFAULT_MAX_LINES,
  DEFAULT_MAX_SUBJECT_CHARS,
  type Digest,
  type DigestAccumulator,
  type DigestAudience,
  type DigestCounts,
  type DigestGroup,
  type DigestLine,
  type DigestOptions,
  type DigestSection,
  type SectionKey,
  type UnlistedCount,
} from './build';
export { fairShares } from './shares';
