import type { IConstruct } from 'constructs';
import { AnnotationMetadataEntryType } from 'cdktf';

/**
 * The warnings polycluster attached while building (e.g. a CNI change on a running EKS cluster),
 * as `<construct path>: <message>`. `cdktf synth` prints them itself; an app run with plain node
 * prints these.
 */
export function synthWarnings(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => `${c.node.path}: ${String(m.data)}`));
}
