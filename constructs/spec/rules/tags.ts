import type { Rule } from './context';

/** A valid GCP label key made from an invalid one, for the fix. */
function gcpLabelKey(key: string): string {
  const cleaned = key.toLowerCase().replace(/[^a-z0-9_-]/g, '-').replace(/^[^a-z]+/, '').slice(0, 63);
  return cleaned === '' ? 'label' : cleaned;
}

/** Tag keys polycluster sets itself. */
const OWN_KEYS = ['polycluster-cluster', 'polycluster-profile'];

export const tagsRule: Rule = ({ draft, problems }) => {
  const tags = Object.entries(draft.spec.tags ?? {});
  const limit = { aws: 50, gcp: 64, azure: 50 }[draft.cloud] - OWN_KEYS.length;
  if (tags.length > limit) {
    problems.add('tags', tags.length, `has more than the ${limit} tags ${draft.cloud} leaves room for beside polycluster's own`, 'drop some tags');
  }
  for (const [key, value] of tags) {
    const path = `tags.${key}`;
    if (OWN_KEYS.includes(key)) {
      problems.add(path, key, 'is set by polycluster itself', 'use another key');
      continue;
    }
    switch (draft.cloud) {
      case 'aws':
        if (key.length > 128 || key.toLowerCase().startsWith('aws:')) {
          problems.add(path, key, 'is not a valid AWS tag key (at most 128 characters, not starting with aws:)', 'use a shorter key without the aws: prefix');
        }
        if (value.length > 256) problems.add(path, value, 'is longer than the 256 characters AWS allows', 'shorten the value');
        break;
      case 'gcp':
        // Tags become GKE and resource labels on GCP.
        if (!/^[a-z][a-z0-9_-]{0,62}$/.test(key)) {
          problems.add(path, key, 'is not a valid GCP label key (lowercase letters, digits, _ and -, starting with a letter, at most 63)', `use e.g. ${gcpLabelKey(key)}`);
        }
        if (!/^[a-z0-9_-]{0,63}$/.test(value)) {
          problems.add(path, value, 'is not a valid GCP label value (lowercase letters, digits, _ and -, at most 63)', `use e.g. ${value.toLowerCase().replace(/[^a-z0-9_-]/g, '-').slice(0, 63)}`);
        }
        break;
      case 'azure':
        if (key.length > 512 || /[<>%&\\?/]/.test(key)) {
          problems.add(path, key, 'is not a valid Azure tag name (at most 512 characters, none of < > % & \\ ? /)', 'rename the tag');
        }
        if (value.length > 256) problems.add(path, value, 'is longer than the 256 characters Azure allows', 'shorten the value');
        break;
    }
  }
};
