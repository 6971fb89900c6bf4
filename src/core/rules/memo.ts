/**
 * Answers kept per owner (a file, a tree, a declaration) and key: predicates ask the same question
 * of a file once per match, and each answer may cost a walk of the tree or a scan of the text. The
 * owner is held weakly, so the answers go with the file.
 */
export class KeyedMemo<Owner extends object, Key, Value extends NonNullable<unknown> | null> {
  private readonly byOwner = new WeakMap<Owner, Map<Key, Value>>();

  get(owner: Owner, key: Key, compute: () => Value): Value {
    let values = this.byOwner.get(owner);
    if (!values) {
      values = new Map();
      this.byOwner.set(owner, values);
    }
    const known = values.get(key);
    if (known !== undefined) return known;
    const value = compute();
    values.set(key, value);
    return value;
  }
}
