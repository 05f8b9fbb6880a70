import type { LabelSelector } from './model';

/**
 * Kubernetes label selector matching. matchLabels and matchExpressions are ANDed, so an empty
 * selector `{}` matches everything. NotIn and DoesNotExist match when the key is absent.
 */

/** Whether `labels` satisfy `selector`. Throws on an operator Kubernetes would reject. */
export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(labels, key);
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!has(key) || labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const present = has(key);
    switch (operator) {
      case 'In':
        if (!present || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (present && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        // The API server rejects other operators; guessing a meaning would hide a broken policy.
        throw new Error(
          `matchExpressions operator ${JSON.stringify(operator)} for key ${key} is not one of In, NotIn, Exists, DoesNotExist`,
        );
    }
  }
  return true;
}
