/** In a `u` expression a surrogate pair is one code point, so this finds only lone surrogates. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Whether text is well-formed Unicode: no lone UTF-16 surrogate, which has no UTF-8 form and so can
 * be neither hashed into the chain nor stored. JSON's `\ud800` escape makes one out of valid JSON.
 */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The path of the first key or string in `value` that is not well-formed Unicode, if any. */
export function illFormedTextPath(value: unknown): string | undefined {
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value === 'string') {
      if (!isWellFormedText(next.value)) return next.path;
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    for (const [key, child] of Object.entries(next.value)) {
      const path = next.path ? `${next.path}.${key}` : key;
      if (!isWellFormedText(key)) return path;
      pending.push({ value: child, path });
    }
  }
  return undefined;
}
